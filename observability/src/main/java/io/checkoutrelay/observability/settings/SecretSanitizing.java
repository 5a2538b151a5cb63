package io.checkoutrelay.observability.settings;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What {@code /actuator/configprops} and {@code /actuator/env} may show when an operator exposes them with
 * {@code management.endpoint.*.show-values=ALWAYS} (the bench does, on a management port of its own, to read
 * back the settings it gave): every value whose name is likely a secret is masked, the rest is shown. Spring
 * Boot's "likely sensitive" names (ending in password, secret, key, token; credentials; URIs) plus this
 * project's: the token key ring ({@code RELAY_TOKEN_KEYS}, {@code *.token-keys}), Kafka's
 * {@code sasl.jaas.config} and anything else named like a password, secret, token or login.
 */
@AutoConfiguration
public class SecretSanitizing {

    static final String[] SECRET_NAME_PARTS = {"password", "secret", "token", "keys", "jaas", "sasl", "credential",
        "private", "login", "passphrase"};

    @Bean
    SanitizingFunction relaySecrets() {
        return secrets();
    }

    /** Masks a value when its name is likely a secret's (case-insensitive). */
    public static SanitizingFunction secrets() {
        return SanitizingFunction.sanitizeValue().ifLikelySensitive()
                .ifKeyMatchesIgnoringCase(String::contains, SECRET_NAME_PARTS);
    }
}
