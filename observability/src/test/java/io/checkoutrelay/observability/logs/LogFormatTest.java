package io.checkoutrelay.observability.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LogFormatTest {

    @Test
    void textIsTheDefaultAndLeavesBootsPlainPattern() {
        assertThat(structuredFormatFor(null)).isNull();
        assertThat(structuredFormatFor("text")).isNull();
    }

    @Test
    void jsonSwitchesTheConsoleToEcsStructuredLogging() {
        assertThat(structuredFormatFor("json")).isEqualTo("ecs");
        assertThat(structuredFormatFor(" JSON ")).isEqualTo("ecs");
    }

    @Test
    void anyOtherValueIsRefusedByName() {
        assertThatThrownBy(() -> structuredFormatFor("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LOG_FORMAT must be text or json, was 'xml'");
    }

    private static String structuredFormatFor(String logFormat) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (logFormat != null) {
            environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("LOG_FORMAT", logFormat)));
        }
        new LogFormat().postProcessEnvironment(environment, null);
        return environment.getProperty("logging.structured.format.console");
    }
}
