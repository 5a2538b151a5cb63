package io.checkoutrelay.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutrelay.localstack.FreePort;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Without RELAY_TOKEN_KEYS, or with a publish linger it cannot use, the intake refuses to start and names the setting. */
class MissingSettingTest {

    @Test
    void refusesToStartWithoutTokenKeys() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(IntakeApplication.class).run(
                "--server.port=" + FreePort.pick(), "--relay.token-keys=",
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + FreePort.pick()).close())
                .rootCause().hasMessageContaining("RELAY_TOKEN_KEYS is required");
    }

    @Test
    void refusesALingerThatIsNegativeOrNotBelowThePublishTimeout() {
        for (String linger : new String[] {"-1ms", "5s"}) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(IntakeApplication.class).run(
                    "--server.port=" + FreePort.pick(), "--intake.publish.linger=" + linger,
                    "--relay.token-keys=k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                    "--spring.kafka.bootstrap-servers=127.0.0.1:" + FreePort.pick()).close())
                    .rootCause().hasMessageContaining("INTAKE_PUBLISH_LINGER").hasMessageContaining("must be at least 0");
        }
    }
}
