package io.checkoutrelay.enricher.checkout;

import io.checkoutrelay.enricher.amazon.AmazonHosts;
import io.checkoutrelay.enricher.amazon.AmazonProfile;
import io.checkoutrelay.enricher.amazon.AmazonRejectedToken;
import io.checkoutrelay.enricher.amazon.AmazonUnavailable;
import io.checkoutrelay.enricher.amazon.CallBudget;
import io.checkoutrelay.enricher.amazon.ResilientAmazon;
import io.checkoutrelay.enricher.amazon.TokenInfo;
import io.checkoutrelay.enricher.buyer.BuyerName;
import io.checkoutrelay.enricher.buyer.NameSplit;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.Buyer;
import io.checkoutrelay.schemas.CheckoutKind;
import io.checkoutrelay.schemas.token.TokenCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Verifies one captured checkout's token and, for orders, fetches the buyer: tokeninfo (aud must be
 * our client id), then user/profile. The token is decrypted here, kept in local variables only,
 * and never logged. Decides CONSENT (rejected, aud mismatch, expired: no retry) or UNAVAILABLE
 * (transient failures past the retry budget, which never outlives the token).
 */
public class CheckoutEnricher {

    private final TokenCipher cipher;
    private final ResilientAmazon amazon;
    private final AmazonHosts hosts;
    private final String clientId;
    private final Duration tokenLifetime;
    private final Duration retryWindow;
    private final Clock clock;

    public CheckoutEnricher(TokenCipher cipher, ResilientAmazon amazon, AmazonHosts hosts, String clientId,
            Duration tokenLifetime, Duration retryWindow, Clock clock) {
        this.cipher = cipher;
        this.amazon = amazon;
        this.hosts = hosts;
        this.clientId = clientId;
        this.tokenLifetime = tokenLifetime;
        this.retryWindow = retryWindow;
        this.clock = clock;
    }

    /**
     * @param onFirstRetry runs once, before the first retried call
     * @throws io.checkoutrelay.schemas.token.TokenCipher.TokenCipherException when the token cannot be decrypted
     */
    public CompletableFuture<Outcome> enrich(AmazonCheckoutCaptured captured, Runnable onFirstRetry) {
        Instant now = clock.instant();
        Instant tokenDiesAt = captured.getCapturedAt().plus(tokenLifetime);
        if (!now.isBefore(tokenDiesAt)) {
            return CompletableFuture.completedFuture(Outcome.Declined.consent("token_expired",
                    "token older than " + tokenLifetime.toMinutes() + " minutes at processing time"));
        }
        if (captured.getAmazon().getAccessToken() == null) {
            return CompletableFuture.completedFuture(Outcome.Declined.consent("token_missing", "no access token in the record"));
        }
        String token = cipher.decrypt(captured.getAmazon().getAccessToken(), captured.getCheckoutId());
        String baseUrl = hosts.baseUrlFor(captured.getAmazon().getBillerId());
        Instant retryEnd = now.plus(retryWindow);
        CallBudget budget = new CallBudget(retryEnd.isBefore(tokenDiesAt) ? retryEnd : tokenDiesAt, onFirstRetry);
        return amazon.tokenInfo(baseUrl, token, budget)
                .thenCompose(info -> afterTokenInfo(captured, token, baseUrl, budget, info))
                .exceptionally(CheckoutEnricher::declineFor);
    }

    private CompletableFuture<Outcome> afterTokenInfo(AmazonCheckoutCaptured captured, String token, String baseUrl,
            CallBudget budget, TokenInfo info) {
        if (!clientId.equals(info.aud())) {
            return CompletableFuture.completedFuture(Outcome.Declined.consent("aud_mismatch",
                    "tokeninfo aud is not our client id"));
        }
        Instant now = clock.instant();
        Instant expiresAt = info.expiresAt(now);
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return CompletableFuture.completedFuture(Outcome.Declined.consent("token_expired", "tokeninfo exp has passed"));
        }
        if (captured.getKind() == CheckoutKind.UPSELL) {
            return CompletableFuture.completedFuture(new Outcome.Enriched(null, expiresAt));
        }
        CallBudget profileBudget = expiresAt == null ? budget : budget.until(expiresAt);
        return amazon.profile(baseUrl, token, profileBudget)
                .thenApply(profile -> new Outcome.Enriched(buyer(profile), expiresAt));
    }

    static Buyer buyer(AmazonProfile profile) {
        BuyerName split = NameSplit.split(profile.name());
        return Buyer.newBuilder()
                .setAmazonUserId(profile.userId())
                .setName(profile.name() == null ? "" : profile.name())
                .setFirstName(split.firstName())
                .setLastName(split.lastName())
                .setEmail(profile.email() == null ? "" : profile.email())
                .setPostalCode(profile.postalCode())
                .build();
    }

    private static Outcome declineFor(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof AmazonRejectedToken rejected) {
            return Outcome.Declined.consent("token_rejected", rejected.rawMessage());
        }
        if (cause instanceof AmazonUnavailable unavailable) {
            return Outcome.Declined.unavailable(unavailable.getMessage()
                    + (unavailable.rawMessage() == null ? "" : ": " + unavailable.rawMessage()));
        }
        if (cause instanceof RuntimeException && isResilienceRefusal(cause)) {
            return Outcome.Declined.unavailable(cause.getMessage());
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
    }

    private static boolean isResilienceRefusal(Throwable cause) {
        return cause instanceof io.checkoutrelay.enricher.amazon.RetryBudgetSpent
                || cause instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException
                || cause instanceof io.github.resilience4j.bulkhead.BulkheadFullException;
    }
}
