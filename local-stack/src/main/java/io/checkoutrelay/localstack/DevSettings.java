package io.checkoutrelay.localstack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of contracts.md as the local run supplies them: everything points at loopback and at
 * the sandbox. None of these values is a real credential.
 */
public final class DevSettings {

    public static final String AMAZON_CLIENT_ID = "amzn1.application-oa2-client.checkout-relay-local";
    public static final String CRM_LOGIN_ID = "relay-local";
    public static final String CRM_PASSWORD = "relay-local-password";

    private DevSettings() {
    }

    /** The sandbox's side of the same credentials, so the services' calls to it are accepted. */
    public static Map<String, String> sandboxEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SANDBOX_AMAZON_CLIENT_ID", AMAZON_CLIENT_ID);
        env.put("SANDBOX_CRM_LOGIN_ID", CRM_LOGIN_ID);
        env.put("SANDBOX_CRM_PASSWORD", CRM_PASSWORD);
        return env;
    }

    /** RELAY_TOKEN_KEYS with one random 256-bit key, made for one run only: {@code keyId:base64}. */
    public static String randomTokenKeys(String keyId) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return keyId + ":" + Base64.getEncoder().encodeToString(key);
    }

    public static Map<String, String> environment(String kafka, String registryUrl, String sandboxUrl,
                                                  String tokenKeys) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("SCHEMA_REGISTRY_URL", registryUrl);
        env.put("AMAZON_API_BASE_URL", sandboxUrl);
        env.put("AMAZON_CLIENT_ID", AMAZON_CLIENT_ID);
        env.put("CHECKOUTCHAMP_BASE_URL", sandboxUrl);
        env.put("CHECKOUTCHAMP_LOGIN_ID", CRM_LOGIN_ID);
        env.put("CHECKOUTCHAMP_PASSWORD", CRM_PASSWORD);
        env.put("RELAY_TOKEN_KEYS", tokenKeys);
        env.put("INTAKE_ALLOWED_ORIGINS", "http://localhost:8080,http://127.0.0.1:8080");
        // the demo lander page (/demo/lander.html) is served only where this says so
        env.put("INTAKE_DEMO_ENABLED", "true");
        return env;
    }
}
