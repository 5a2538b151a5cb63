package io.checkoutrelay.intake.checkout;

import io.checkoutrelay.intake.pricing.ClientPricePolicy;
import io.checkoutrelay.intake.status.CheckoutState;
import io.checkoutrelay.intake.status.StatusBoard;
import io.checkoutrelay.intake.status.StatusBody;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.intake.validation.RequestRules;
import io.checkoutrelay.intake.web.ClientAddressResolver;
import io.checkoutrelay.intake.web.JsonBodyReader;
import io.checkoutrelay.intake.web.LanderOrigin;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** POST /v1/checkouts: validate, derive the checkoutId, publish unless it is a resubmission, answer 202/200/503. */
@RestController
public class CheckoutController {

    private static final Logger log = LoggerFactory.getLogger(CheckoutController.class);

    private final JsonBodyReader bodies;
    private final ClientAddressResolver clients;
    private final StatusBoard board;
    private final CaptureRecords records;
    private final CheckoutPublisher publisher;
    private final SubmissionOutcomes outcomes;
    private final CheckoutTracing tracing;
    private final ClientPricePolicy prices;

    public CheckoutController(JsonBodyReader bodies, ClientAddressResolver clients, StatusBoard board,
                              CaptureRecords records, CheckoutPublisher publisher, SubmissionOutcomes outcomes,
                              CheckoutTracing tracing, ClientPricePolicy prices) {
        this.bodies = bodies;
        this.clients = clients;
        this.board = board;
        this.records = records;
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.tracing = tracing;
        this.prices = prices;
    }

    @PostMapping("/v1/checkouts")
    public CompletableFuture<ResponseEntity<?>> submit(HttpServletRequest request) {
        CheckoutRequest checkout = RequestRules.checkout(bodies.read(request));
        String checkoutId = CheckoutIds.checkoutId(checkout.amazon().orderReferenceId());
        try (CheckoutTracing.Scope ignored = tracing.withCheckoutId(checkoutId)) {
            return submit(request, checkout, checkoutId);
        }
    }

    private CompletableFuture<ResponseEntity<?>> submit(HttpServletRequest request, CheckoutRequest checkout,
                                                        String checkoutId) {
        URI location = URI.create("/v1/checkouts/" + checkoutId);
        CheckoutState known = board.find(checkoutId).filter(CheckoutState::knownOrder).orElse(null);
        Submission submission = Submission.given(known == null ? null : known.order(), Instant.now());
        if (!submission.publish()) {
            outcomes.count("order", "duplicate");
            log.info("checkout {} submitted again while {}: nothing published", checkoutId, known.order().status());
            return CompletableFuture.completedFuture(ResponseEntity.ok().location(location).body(StatusBody.of(known)));
        }
        AmazonCheckoutCaptured captured = records.order(checkoutId, submission.attempt(), prices.order(checkout),
                clients.resolve(request), LanderOrigin.of(request));
        return publisher.publish(captured).handle((accepted, error) -> {
            if (error != null) {
                return outcomes.unavailable("order", checkoutId, request.getRequestURI(), error);
            }
            outcomes.count("order", "accepted");
            log.info("checkout {} accepted (attempt {})", checkoutId, accepted.getAttempt());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("checkoutId", checkoutId);
            body.put("status", accepted.getStatus().name());
            body.put("attempt", accepted.getAttempt());
            return ResponseEntity.accepted().location(location).body(body);
        });
    }
}
