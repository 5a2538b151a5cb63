package io.checkoutrelay.observability.logs;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The {@code LOG_FORMAT} setting: {@code text} (default, one readable line per event) or {@code json}
 * (one JSON object per line in Elastic Common Schema, the MDC fields checkoutId, traceId and spanId as
 * fields of their own). Applied before logging starts; any other value stops the start with a message.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String SETTING = "LOG_FORMAT";
    private static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(SETTING, "text").trim().toLowerCase(Locale.ROOT);
        switch (format) {
            case "text", "" -> {
            }
            case "json" -> environment.getPropertySources().addFirst(
                    new MapPropertySource("logFormat", Map.of(STRUCTURED_CONSOLE, "ecs")));
            default -> throw new IllegalArgumentException(SETTING + " must be text or json, was '"
                    + environment.getProperty(SETTING) + "'");
        }
    }
}
