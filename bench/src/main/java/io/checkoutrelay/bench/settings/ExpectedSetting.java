package io.checkoutrelay.bench.settings;

import java.util.Objects;

/**
 * One setting the bench gives a process as an environment variable, and the Spring property it must
 * bind to there ({@code property} null for what is not a property, e.g. {@code MALLOC_ARENA_MAX}: then
 * only its arrival in the process's environment is checked).
 */
public record ExpectedSetting(String env, String property, String value) {

    public ExpectedSetting {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(value, "value");
    }

    public static ExpectedSetting of(String env, String property, Object value) {
        return new ExpectedSetting(env, property, String.valueOf(value));
    }

    public static ExpectedSetting environmentOnly(String env, String value) {
        return new ExpectedSetting(env, null, value);
    }
}
