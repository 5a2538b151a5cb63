package io.checkoutrelay.enricher.config;

/** A missing required setting: the service refuses to start and names it. */
final class RequiredSetting {

    private RequiredSetting() {
    }

    static String require(String value, String variable, String meaning) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is required: " + meaning);
        }
        return value.trim();
    }
}
