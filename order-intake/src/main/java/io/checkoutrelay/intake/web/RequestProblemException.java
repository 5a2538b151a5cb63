package io.checkoutrelay.intake.web;

import io.checkoutrelay.intake.validation.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A request refused before anything was published: answered as a problem response with this status. */
public final class RequestProblemException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    public RequestProblemException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = errors;
    }

    public RequestProblemException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
