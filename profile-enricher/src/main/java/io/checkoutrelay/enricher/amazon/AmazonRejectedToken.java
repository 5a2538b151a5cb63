package io.checkoutrelay.enricher.amazon;

/**
 * Amazon refused the token (HTTP 400, 401 or 403): a consent failure, never retried. The message and
 * {@link #rawMessage()} hold Amazon's error body with the token removed, never the token or the URL.
 */
public final class AmazonRejectedToken extends RuntimeException {

    private final int status;
    private final String rawMessage;

    public AmazonRejectedToken(AmazonEndpoint endpoint, int status, String rawMessage) {
        super(endpoint.tag() + " answered HTTP " + status, null, false, false);
        this.status = status;
        this.rawMessage = rawMessage;
    }

    public int status() {
        return status;
    }

    public String rawMessage() {
        return rawMessage;
    }
}
