package io.checkoutrelay.keyed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment names the READMEs document bind, as Kubernetes would set them. */
class KeyedConsumerPropertiesTest {

    @Test
    void environmentVariablesWithUnderscoresForDashesBind() {
        KeyedConsumerProperties bound = bind(Map.of("KEYED_CONSUMER_LIVENESS_TIMEOUT", "2m",
                "KEYED_CONSUMER_TRANSACTIONAL_ID", "crm-importer-0",
                "KEYED_CONSUMER_RESTART_BACKOFF", "3s"));
        assertThat(bound.livenessTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(bound.transactionalId()).isEqualTo("crm-importer-0");
        assertThat(bound.restartBackoff()).isEqualTo(Duration.ofSeconds(3));
        assertThat(bound.maxRestartBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void environmentVariablesWithoutDashesBindToo() {
        assertThat(bind(Map.of("KEYEDCONSUMER_LIVENESSTIMEOUT", "90s")).livenessTimeout())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void defaults() {
        assertThat(bind(Map.of("UNRELATED", "x"))).isEqualTo(KeyedConsumerProperties.defaults());
    }

    private static KeyedConsumerProperties bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("keyed-consumer", KeyedConsumerProperties.class);
    }
}
