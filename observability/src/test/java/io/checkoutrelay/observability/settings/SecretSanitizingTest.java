package io.checkoutrelay.observability.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.SanitizableData;

/** What /actuator/configprops and /actuator/env show of a setting when an operator has them show values. */
class SecretSanitizingTest {

    private static Object shown(String key, String value) {
        return SecretSanitizing.secrets().applyUnlessFiltered(new SanitizableData(null, key, value)).getValue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RELAY_TOKEN_KEYS", "crm-importer.tokenKeys", "order-intake.token-keys",
        "CHECKOUTCHAMP_PASSWORD", "crm-importer.checkoutchamp.password", "crm-importer.checkoutchamp.loginId",
        "spring.kafka.properties.sasl.jaas.config", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
        "spring.kafka.ssl.key-store-password", "AMAZON_LWA_CLIENT_SECRET", "amazon.refreshToken",
        "REGISTRY_AUTH_PASSWORD", "spring.kafka.ssl.key-password"})
    void masksWhatIsLikelyASecret(String key) {
        assertThat(shown(key, "s3cr3t-value")).as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm-importer.consumer.group-id", "crm-importer.consumer.groupId",
        "crm-importer.consumer.maxInFlight", "CRMIMPORTER_CONSUMER_MAXINFLIGHT", "CRM_MAX_CONCURRENT_CALLS",
        "crm-importer.checkoutchamp.maxConcurrentCalls",
        "resilience4j.ratelimiter.instances.checkoutchamp.limitForPeriod", "keyed-consumer.groupCommit",
        "intake.ratelimit.enabled", "MALLOC_ARENA_MAX"})
    void showsTheSettingsTheBenchReadsBack(String key) {
        assertThat(shown(key, "42")).as(key).isEqualTo("42");
    }
}
