package io.checkoutrelay.enricher.amazon;

/**
 * A transient failure of one call to Amazon (429, 5xx, timeout, connection error, unreadable body):
 * retried. {@link #outcome()} is the metric tag; nothing here holds the token or the URL.
 */
public final class AmazonUnavailable extends RuntimeException {

    private final AmazonEndpoint endpoint;
    private final String outcome;
    private final String rawMessage;

    public AmazonUnavailable(AmazonEndpoint endpoint, String outcome, String rawMessage) {
        super(endpoint.tag() + " failed: " + outcome, null, false, false);
        this.endpoint = endpoint;
        this.outcome = outcome;
        this.rawMessage = rawMessage;
    }

    public AmazonEndpoint endpoint() {
        return endpoint;
    }

    public String outcome() {
        return outcome;
    }

    public String rawMessage() {
        return rawMessage;
    }
}
