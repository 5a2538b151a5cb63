package io.checkoutrelay.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutrelay.localstack.FreePort;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Without RELAY_TOKEN_KEYS the intake refuses to start and names the setting. */
class MissingSettingTest {

    @Test
    void refusesToStartWithoutTokenKeys() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(IntakeApplication.class).run(
                "--server.port=" + FreePort.pick(), "--relay.token-keys=",
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + FreePort.pick()).close())
                .rootCause().hasMessageContaining("RELAY_TOKEN_KEYS is required");
    }
}
