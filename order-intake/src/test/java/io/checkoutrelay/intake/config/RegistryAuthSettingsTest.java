package io.checkoutrelay.intake.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.schemas.serde.RegistryAuth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The registry's credentials bind from exactly the environment variables the chart renders. */
class RegistryAuthSettingsTest {

    @Test
    void basicAuthFromTheEnvironment() {
        assertThat(bind(Map.of("REGISTRY_AUTH_USERNAME", "relay", "REGISTRY_AUTH_PASSWORD", "pw")))
                .isEqualTo(new RegistryAuth("relay", "pw", null, null, null));
    }

    @Test
    void clientCredentialsFromTheEnvironment() {
        assertThat(bind(Map.of("REGISTRY_AUTH_TOKEN_ENDPOINT", "https://sso/realms/r/protocol/openid-connect/token",
                "REGISTRY_AUTH_CLIENT_ID", "relay-intake", "REGISTRY_AUTH_CLIENT_SECRET", "secret")))
                .isEqualTo(new RegistryAuth(null, null, "https://sso/realms/r/protocol/openid-connect/token",
                        "relay-intake", "secret"));
    }

    @Test
    void nothingSetIsAnAnonymousRegistry() {
        assertThat(bind(Map.of())).isEqualTo(RegistryAuth.NONE);
    }

    private static RegistryAuth bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new RegistryConfig().registryAuth(environment);
    }
}
