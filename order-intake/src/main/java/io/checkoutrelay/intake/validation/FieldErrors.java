package io.checkoutrelay.intake.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects every bad field of one request, so a single 400 names them all. */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }
}
