package io.checkoutrelay.replay.cli;

import io.checkoutrelay.schemas.serde.RegistryAuth;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The replay's connection, bound as the services bind theirs: Kafka from Spring Boot's
 * {@code spring.kafka.*} ({@link KafkaProperties}: every client setting, security included), the
 * registry's authentication from {@code registry.auth.*}. Where a setting is looked for, first to last:
 * the command line ({@code --bootstrap-servers}, {@code --registry-url}), the environment
 * ({@code SPRING_KAFKA_SECURITY_PROTOCOL}, {@code REGISTRY_AUTH_USERNAME}, ...), the properties file of
 * {@code --kafka-config} ({@code spring.kafka.security.protocol=SASL_SSL}, ...), the contract's
 * {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL}, then the local defaults.
 */
final class ConnectionSettings {

    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    static final String DEFAULT_REGISTRY = "http://localhost:8081/apis/registry/v3";

    private ConnectionSettings() {
    }

    static Connection resolve(String bootstrapOption, String registryOption, String configFile,
                              Map<String, String> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        Map<String, Object> options = new HashMap<>();
        if (bootstrapOption != null) {
            options.put("spring.kafka.bootstrap-servers", bootstrapOption);
        }
        if (registryOption != null) {
            options.put("schema-registry.url", registryOption);
        }
        sources.addLast(new MapPropertySource("command line", options));
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.copyOf(environment)));
        if (configFile != null) {
            sources.addLast(new PropertiesPropertySource("--kafka-config " + configFile, load(configFile)));
        }
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.kafka.bootstrap-servers", firstSet(environment.get("KAFKA_BOOTSTRAP_SERVERS"), DEFAULT_BOOTSTRAP));
        defaults.put("schema-registry.url", firstSet(environment.get("SCHEMA_REGISTRY_URL"), DEFAULT_REGISTRY));
        sources.addLast(new MapPropertySource("defaults", defaults));

        Binder binder = new Binder(ConfigurationPropertySources.from(sources));
        try {
            KafkaProperties kafka = binder.bindOrCreate("spring.kafka", KafkaProperties.class);
            RegistryAuth auth = binder.bindOrCreate("registry.auth", RegistryAuth.class);
            String registryUrl = binder.bind("schema-registry.url", String.class).get();
            return new Connection(kafka.buildConsumerProperties(), kafka.buildProducerProperties(), registryUrl, auth);
        } catch (BindException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause(); // the binding's own message says only that a constructor threw
            }
            String setting = String.valueOf(e.getProperty() != null ? e.getProperty().getName() : e.getName());
            throw new ArgumentError("setting " + setting + " cannot be used: " + cause.getMessage());
        }
    }

    private static Properties load(String file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(in);
            return properties;
        } catch (IOException | RuntimeException e) {
            throw new ArgumentError("--kafka-config " + file + " cannot be read: " + e);
        }
    }

    private static String firstSet(String value, String otherwise) {
        return value != null && !value.isBlank() ? value : otherwise;
    }
}
