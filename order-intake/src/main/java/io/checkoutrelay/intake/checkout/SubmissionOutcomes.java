package io.checkoutrelay.intake.checkout;

import io.checkoutrelay.intake.web.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Counts submissions by outcome and builds the 503 answer of one that was not made durable. */
@Component
public class SubmissionOutcomes {

    private static final Logger log = LoggerFactory.getLogger(SubmissionOutcomes.class);

    private final MeterRegistry meters;

    public SubmissionOutcomes(MeterRegistry meters) {
        this.meters = meters;
    }

    public void count(String kind, String outcome) {
        meters.counter("intake.submissions", "kind", kind, "outcome", outcome).increment();
    }

    public ResponseEntity<?> unavailable(String kind, String checkoutId, String path, Throwable error) {
        count(kind, "unavailable");
        log.warn("{} of checkout {} not made durable in time: {}", kind, checkoutId, rootCause(error));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problem.body(HttpStatus.SERVICE_UNAVAILABLE,
                        "the checkout could not be made durable; nothing was accepted, it is safe to retry", path,
                        List.of()));
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
