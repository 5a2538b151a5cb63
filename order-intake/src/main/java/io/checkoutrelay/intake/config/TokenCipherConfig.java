package io.checkoutrelay.intake.config;

import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The token cipher; without RELAY_TOKEN_KEYS the intake refuses to start and says so. */
@Configuration(proxyBeanMethods = false)
public class TokenCipherConfig {

    @Bean
    TokenCipher tokenCipher(@Value("${relay.token-keys:}") String keys) {
        return new TokenCipher(TokenKeyRing.parse(keys));
    }
}
