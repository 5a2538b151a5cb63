package io.checkoutrelay.enricher.amazon;

/** No further attempt is made: the token's life (or the retry budget) ends before it could run. */
public final class RetryBudgetSpent extends RuntimeException {

    public RetryBudgetSpent(AmazonEndpoint endpoint) {
        super(endpoint.tag() + ": retry budget spent (token life or retry window over)", null, false, false);
    }
}
