package io.checkoutrelay.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Registry credentials reach Apicurio's client settings, are refused when half-given, and never show in text. */
class RegistryAuthTest {

    @Test
    void basicAuthBecomesApicuriosUsernameAndPassword() {
        RegistryAuth auth = new RegistryAuth("relay", "s3cret-pw", null, null, null);

        assertThat(RelaySerdes.producerConfigs("http://registry/apis/registry/v3", auth))
                .containsEntry("apicurio.registry.auth.username", "relay")
                .containsEntry("apicurio.registry.auth.password", "s3cret-pw")
                .containsEntry("apicurio.registry.url", "http://registry/apis/registry/v3");
        assertThat(auth.toString()).isEqualTo("RegistryAuth[basic auth as relay]").doesNotContain("s3cret-pw");
    }

    @Test
    void clientCredentialsBecomeApicuriosTokenEndpointClientIdAndSecret() {
        RegistryAuth auth = new RegistryAuth(null, null, "https://sso/token", "relay-intake", "cl1ent-s3cret");

        assertThat(RelaySerdes.consumerConfigs("http://registry/apis/registry/v3", auth))
                .containsEntry("apicurio.registry.auth.service.token.endpoint", "https://sso/token")
                .containsEntry("apicurio.registry.auth.client.id", "relay-intake")
                .containsEntry("apicurio.registry.auth.client.secret", "cl1ent-s3cret");
        assertThat(auth.toString()).doesNotContain("cl1ent-s3cret");
    }

    @Test
    void noneAddsNoAuthenticationSetting() {
        assertThat(RelaySerdes.producerConfigs("http://registry/apis/registry/v3", RegistryAuth.NONE).keySet())
                .noneMatch(key -> key.contains(".auth."));
        assertThat(new RegistryAuth("", " ", null, null, null)).isEqualTo(RegistryAuth.NONE);
    }

    @Test
    void halfGivenOrMixedCredentialsAreRefusedNamingTheSettingWithoutItsValue() {
        assertThatThrownBy(() -> new RegistryAuth("relay", null, null, null, null))
                .hasMessage("registry authentication by basic auth needs REGISTRY_AUTH_PASSWORD (registry.auth.password)");
        assertThatThrownBy(() -> new RegistryAuth(null, null, "https://sso/token", "relay", null))
                .hasMessage("registry authentication by OIDC client credentials needs REGISTRY_AUTH_CLIENT_SECRET"
                        + " (registry.auth.client-secret)");
        assertThatThrownBy(() -> new RegistryAuth("relay", "pw-value", null, "relay", "secret-value"))
                .hasMessageContaining("not both").hasMessageNotContaining("pw-value").hasMessageNotContaining("secret-value");
    }
}
