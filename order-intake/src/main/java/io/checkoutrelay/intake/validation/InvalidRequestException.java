package io.checkoutrelay.intake.validation;

import java.util.List;

/** The request's fields break the contract; answered with 400 naming each of them. */
public final class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = errors;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
