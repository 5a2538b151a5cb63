package io.checkoutrelay.intake.config;

import io.checkoutrelay.schemas.serde.RegistryAuth;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** How the intake authenticates to the schema registry: {@code registry.auth.*} ({@code REGISTRY_AUTH_*}), none by default. */
@Configuration(proxyBeanMethods = false)
public class RegistryConfig {

    @Bean
    RegistryAuth registryAuth(Environment environment) {
        return Binder.get(environment).bindOrCreate("registry.auth", RegistryAuth.class);
    }
}
