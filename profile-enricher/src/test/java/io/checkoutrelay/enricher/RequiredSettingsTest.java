package io.checkoutrelay.enricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.checkoutrelay.enricher.support.TestCheckouts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The service refuses to start without a required setting, and says which one. */
class RequiredSettingsTest {

    @Test
    void withoutTheAmazonClientIdTheServiceDoesNotStart() {
        assertThat(startupFailure(List.of("--RELAY_TOKEN_KEYS=" + TestCheckouts.TOKEN_KEYS)))
                .contains("AMAZON_CLIENT_ID is required");
    }

    @Test
    void withoutTokenKeysTheServiceDoesNotStart() {
        assertThat(startupFailure(List.of("--AMAZON_CLIENT_ID=" + TestCheckouts.CLIENT_ID)))
                .contains("RELAY_TOKEN_KEYS is required");
    }

    private static String startupFailure(List<String> settings) {
        List<String> args = new ArrayList<>(settings);
        args.add("--KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1");
        args.add("--SERVER_PORT=0");
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ProfileEnricherApplication.class)
                .run(args.toArray(String[]::new)).close());
        assertThat(failure).as("startup must fail").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
