package io.checkoutrelay.intake.checkout;

import io.checkoutrelay.intake.config.IntakeProperties;
import io.checkoutrelay.intake.pricing.ClientPricePolicy;
import io.checkoutrelay.intake.status.CheckoutState;
import io.checkoutrelay.intake.status.StatusBoard;
import io.checkoutrelay.intake.status.StatusEntry;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.intake.validation.RequestRules;
import io.checkoutrelay.intake.web.JsonBodyReader;
import io.checkoutrelay.intake.web.LanderOrigin;
import io.checkoutrelay.intake.web.Problem;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /v1/checkouts/{checkoutId}/upsells. The checkout must be known; one this replica has not seen
 * yet (the order went to another replica a moment ago) is waited for a short grace period before 404.
 */
@RestController
public class UpsellController {

    private static final Logger log = LoggerFactory.getLogger(UpsellController.class);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final JsonBodyReader bodies;
    private final StatusBoard board;
    private final CaptureRecords records;
    private final CheckoutPublisher publisher;
    private final SubmissionOutcomes outcomes;
    private final Duration grace;
    private final CheckoutTracing tracing;
    private final ClientPricePolicy prices;

    public UpsellController(JsonBodyReader bodies, StatusBoard board, CaptureRecords records,
                            CheckoutPublisher publisher, SubmissionOutcomes outcomes, IntakeProperties properties,
                            CheckoutTracing tracing, ClientPricePolicy prices) {
        this.bodies = bodies;
        this.board = board;
        this.records = records;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.grace = properties.status().upsellGrace();
        this.tracing = tracing;
        this.prices = prices;
    }

    @PostMapping("/v1/checkouts/{checkoutId}/upsells")
    public CompletableFuture<ResponseEntity<?>> submit(@PathVariable String checkoutId, HttpServletRequest request) {
        UpsellPost post = RequestRules.upsell(bodies.read(request), request.getHeader(IDEMPOTENCY_KEY));
        String path = request.getRequestURI();
        String origin = LanderOrigin.of(request);
        if (!CheckoutIdPath.isWellFormed(checkoutId)) {
            return CompletableFuture.completedFuture(unknown(path));
        }
        try (CheckoutTracing.Scope ignored = tracing.withCheckoutId(checkoutId)) {
            // the wait ends on the status reader's thread: the upsell's records stay in this request's trace
            return tracing.keep(board.await(checkoutId, CheckoutState::knownOrder, grace))
                    .thenCompose(state -> state.filter(CheckoutState::knownOrder)
                            .map(known -> submit(known, post, path, origin))
                            .orElseGet(() -> CompletableFuture.completedFuture(unknown(path))));
        }
    }

    private CompletableFuture<ResponseEntity<?>> submit(CheckoutState checkout, UpsellPost post, String path,
                                                        String origin) {
        String checkoutId = checkout.checkoutId();
        String upsellId = post.upsellIdIn(checkoutId);
        Optional<StatusEntry> known = checkout.upsell(upsellId);
        Submission submission = Submission.given(known.orElse(null));
        if (!submission.publish()) {
            outcomes.count("upsell", "duplicate");
            log.info("checkout {} upsell {} submitted again while {}: nothing published", checkoutId, upsellId,
                    known.get().status());
            return CompletableFuture.completedFuture(ResponseEntity.ok().body(body(checkoutId, upsellId,
                    known.get().status().name(), known.get().attempt())));
        }
        AmazonCheckoutCaptured captured = records.upsell(checkoutId, upsellId, submission.attempt(),
                prices.upsell(post, checkout.order().campaignId()), origin);
        return publisher.publish(captured).handle((accepted, error) -> {
            if (error != null) {
                return outcomes.unavailable("upsell", checkoutId, path, error);
            }
            outcomes.count("upsell", "accepted");
            log.info("checkout {} upsell {} accepted (attempt {})", checkoutId, upsellId, accepted.getAttempt());
            return ResponseEntity.accepted().body(body(checkoutId, upsellId, accepted.getStatus().name(),
                    accepted.getAttempt()));
        });
    }

    private static Map<String, Object> body(String checkoutId, String upsellId, String status, int attempt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkoutId", checkoutId);
        body.put("upsellId", upsellId);
        body.put("status", status);
        body.put("attempt", attempt);
        return body;
    }

    private static ResponseEntity<?> unknown(String path) {
        return Problem.of(HttpStatus.NOT_FOUND, "no checkout with this id", path);
    }
}
