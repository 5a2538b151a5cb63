package io.checkoutrelay.schemas.serde;

import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * How the services authenticate to the Apicurio registry (Spring properties {@code registry.auth.*},
 * environment {@code REGISTRY_AUTH_*}): nothing, HTTP basic auth ({@code username}, {@code password}),
 * or OIDC client credentials ({@code tokenEndpoint}, {@code clientId}, {@code clientSecret}). A
 * half-given or mixed set is refused naming what is missing. {@link #toString()} never shows a secret.
 */
public record RegistryAuth(String username, String password, String tokenEndpoint, String clientId,
                           String clientSecret) {

    public static final RegistryAuth NONE = new RegistryAuth(null, null, null, null, null);

    public RegistryAuth {
        username = blankToNull(username);
        password = blankToNull(password);
        tokenEndpoint = blankToNull(tokenEndpoint);
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        boolean basic = username != null || password != null;
        boolean oidc = tokenEndpoint != null || clientId != null || clientSecret != null;
        if (basic && oidc) {
            throw new IllegalArgumentException("registry authentication: give either REGISTRY_AUTH_USERNAME and"
                    + " REGISTRY_AUTH_PASSWORD (basic auth) or REGISTRY_AUTH_TOKEN_ENDPOINT, REGISTRY_AUTH_CLIENT_ID and"
                    + " REGISTRY_AUTH_CLIENT_SECRET (OIDC client credentials), not both");
        }
        if (basic) {
            require(username, "REGISTRY_AUTH_USERNAME (registry.auth.username)", "basic auth");
            require(password, "REGISTRY_AUTH_PASSWORD (registry.auth.password)", "basic auth");
        }
        if (oidc) {
            require(tokenEndpoint, "REGISTRY_AUTH_TOKEN_ENDPOINT (registry.auth.token-endpoint)", "OIDC client credentials");
            require(clientId, "REGISTRY_AUTH_CLIENT_ID (registry.auth.client-id)", "OIDC client credentials");
            require(clientSecret, "REGISTRY_AUTH_CLIENT_SECRET (registry.auth.client-secret)", "OIDC client credentials");
        }
    }

    /** The Apicurio serde settings for this authentication (none when anonymous). */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = new HashMap<>();
        if (username != null) {
            configs.put(SerdeConfig.AUTH_USERNAME, username);
            configs.put(SerdeConfig.AUTH_PASSWORD, password);
        }
        if (tokenEndpoint != null) {
            configs.put(SerdeConfig.AUTH_TOKEN_ENDPOINT, tokenEndpoint);
            configs.put(SerdeConfig.AUTH_CLIENT_ID, clientId);
            configs.put(SerdeConfig.AUTH_CLIENT_SECRET, clientSecret);
        }
        return configs;
    }

    /** Which kind of authentication, never a secret. */
    public String kind() {
        return username != null ? "basic auth as " + username
                : tokenEndpoint != null ? "OIDC client credentials as " + clientId + " from " + tokenEndpoint
                : "none";
    }

    @Override
    public String toString() {
        return "RegistryAuth[" + kind() + "]";
    }

    private static void require(String value, String setting, String kind) {
        if (value == null) {
            throw new IllegalArgumentException("registry authentication by " + kind + " needs " + setting);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
