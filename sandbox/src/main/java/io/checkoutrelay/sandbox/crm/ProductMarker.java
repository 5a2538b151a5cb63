package io.checkoutrelay.sandbox.crm;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Product ids that script the outcome of Import Order (any product in it) and Import Upsale. */
public enum ProductMarker {
    /** Declined: InvalidPaymentMethod; the order becomes DECLINED. */
    INVALID_PAYMENT_METHOD(9001),
    /** Declined: AmazonRejected; the order becomes DECLINED. */
    AMAZON_REJECTED(9002),
    /** Validation error {@code {"product1_id":"Invalid product"}}; nothing changes. */
    INVALID_PRODUCT(9003),
    /** HTTP 503 with an HTML page; nothing changes. */
    SERVICE_UNAVAILABLE(9004),
    /** Waits {@code sandbox.crm.timeout-delay}, then HTTP 504; nothing changes. */
    TIMEOUT_BEFORE_CHANGE(9005),
    /** The order changes at once; the SUCCESS answer comes only after {@code sandbox.crm.timeout-delay}. */
    TIMEOUT_AFTER_CHANGE(9006),
    /** Declined: ProcessingFailure; the order becomes DECLINED (it can be imported again). */
    PROCESSING_FAILURE(9007),
    /** Declined: TransactionTimedOut; the order stays as it was (PARTIAL: retryable). */
    TRANSACTION_TIMED_OUT(9008),
    /** HTTP 200 with {@code <html>Bad Gateway</html>}; nothing changes. */
    NON_JSON(9009),
    /** MERC_REDIRECT to {@code https://example.test/3ds}; nothing changes. */
    MERCHANT_REDIRECT(9010),
    /** Declined: InvalidPaymentMethod on the first Import Order for the order, success on the next. */
    DECLINE_FIRST_ATTEMPT(9011);

    public static final String REDIRECT_URL = "https://example.test/3ds";

    private final long productId;

    ProductMarker(long productId) {
        this.productId = productId;
    }

    public long productId() {
        return productId;
    }

    public static Optional<ProductMarker> of(long productId) {
        return Arrays.stream(values()).filter(marker -> marker.productId == productId).findFirst();
    }

    /** The first marker among the products, in parameter order, with the product that carries it. */
    public static Optional<Marked> firstIn(List<ProductLine> lines) {
        for (ProductLine line : lines) {
            Optional<ProductMarker> marker = of(line.productId());
            if (marker.isPresent()) {
                return Optional.of(new Marked(marker.get(), line));
            }
        }
        return Optional.empty();
    }

    /** A marker and the product line that carried it. */
    public record Marked(ProductMarker marker, ProductLine line) {
    }
}
