package io.checkoutrelay.intake.validation;

/** One bad field of a request: its JSON path and what is wrong, never its value. */
public record FieldError(String field, String message) {
}
