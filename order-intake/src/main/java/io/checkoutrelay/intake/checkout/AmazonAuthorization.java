package io.checkoutrelay.intake.checkout;

/** The Amazon block of a request. The token stays out of toString(), and so out of any log line. */
public record AmazonAuthorization(long billerId, String orderReferenceId, String accessToken, boolean recurring) {

    @Override
    public String toString() {
        return "AmazonAuthorization[billerId=" + billerId + ", orderReferenceId=" + orderReferenceId
                + ", accessToken=<redacted>, recurring=" + recurring + "]";
    }
}
