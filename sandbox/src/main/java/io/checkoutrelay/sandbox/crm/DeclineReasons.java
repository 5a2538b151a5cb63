package io.checkoutrelay.sandbox.crm;

/** How a decline reason changes the order it happened on. */
public final class DeclineReasons {

    public static final String INVALID_PAYMENT_METHOD = "InvalidPaymentMethod";
    public static final String AMAZON_REJECTED = "AmazonRejected";
    public static final String PROCESSING_FAILURE = "ProcessingFailure";
    public static final String TRANSACTION_TIMED_OUT = "TransactionTimedOut";

    private DeclineReasons() {
    }

    /**
     * {@code TransactionTimedOut} leaves the order as it was (a PARTIAL order stays PARTIAL, so it is
     * safe to submit again); every other reason marks it DECLINED.
     */
    public static OrderStatus statusAfter(String reason, OrderStatus before) {
        return TRANSACTION_TIMED_OUT.equalsIgnoreCase(reason) ? before : OrderStatus.DECLINED;
    }

    public static String message(String reason) {
        return "Transaction Declined: " + reason;
    }
}
