package io.checkoutrelay.intake.web;

import io.checkoutrelay.intake.validation.FieldError;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 7807 problem responses of the intake ({@code application/problem+json}). */
public final class Problem {

    private Problem() {
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String detail, String instance) {
        return of(status, detail, instance, List.of());
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String detail, String instance,
                                                   List<FieldError> errors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(status, detail, instance, errors));
    }

    public static ProblemDetail body(HttpStatus status, String detail, String instance, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://checkout-relay.io/problems/" + slug(status)));
        problem.setTitle(status.getReasonPhrase());
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    private static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase().replace(' ', '-');
    }
}
