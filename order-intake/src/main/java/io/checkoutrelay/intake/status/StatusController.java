package io.checkoutrelay.intake.status;

import io.checkoutrelay.intake.checkout.CheckoutIdPath;
import io.checkoutrelay.intake.config.IntakeProperties;
import io.checkoutrelay.intake.validation.FieldError;
import io.checkoutrelay.intake.web.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /v1/checkouts/{checkoutId}?waitSeconds=N from this replica's status view. With waitSeconds the
 * answer comes once the order and its upsells are IMPORTED or DECLINED, or when the wait ends; the
 * request holds no thread meanwhile (an async future completed by the materializer).
 */
@RestController
public class StatusController {

    private final StatusBoard board;
    private final long maxWaitSeconds;

    public StatusController(StatusBoard board, IntakeProperties properties) {
        this.board = board;
        this.maxWaitSeconds = properties.status().maxWait().toSeconds();
    }

    @GetMapping("/v1/checkouts/{checkoutId}")
    public CompletableFuture<ResponseEntity<?>> status(@PathVariable String checkoutId,
                                                       @RequestParam(required = false) String waitSeconds,
                                                       HttpServletRequest request) {
        String path = request.getRequestURI();
        long wait = waitSeconds(waitSeconds);
        if (!CheckoutIdPath.isWellFormed(checkoutId)) {
            return CompletableFuture.completedFuture(unknown(path));
        }
        return board.await(checkoutId, CheckoutState::settled, Duration.ofSeconds(wait))
                .thenApply(state -> state.filter(CheckoutState::knownOrder)
                        .<ResponseEntity<?>>map(known -> ResponseEntity.ok().header("Cache-Control", "no-store")
                                .body(StatusBody.of(known)))
                        .orElseGet(() -> unknown(path)));
    }

    private long waitSeconds(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() <= 3 && text.chars().allMatch(Character::isDigit)) {
            long value = Long.parseLong(text);
            if (value <= maxWaitSeconds) {
                return value;
            }
        }
        String message = "must be an integer from 0 to " + maxWaitSeconds;
        throw new io.checkoutrelay.intake.web.RequestProblemException(HttpStatus.BAD_REQUEST,
                "waitSeconds " + message, List.of(new FieldError("waitSeconds", message)));
    }

    private static ResponseEntity<?> unknown(String path) {
        return Problem.of(HttpStatus.NOT_FOUND, "no checkout with this id", path);
    }
}
