package io.checkoutrelay.localstack.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SCRAM-SHA-512 principal of the secured broker, and the settings a client logs in with: as Kafka
 * client configs, and as the Spring Boot environment a service reads ({@code SPRING_KAFKA_*}).
 * {@link #toString()} never shows the password.
 */
public record KafkaUser(String name, String password) {

    public static final String MECHANISM = "SCRAM-SHA-512";

    public KafkaUser {
        if (!name.matches("[A-Za-z0-9._-]+") || !password.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a Kafka user's name and password may hold only letters, digits,"
                    + " '.', '_' and '-' (user " + (name.matches("[A-Za-z0-9._-]+") ? name : "?") + ")");
        }
    }

    /** Kafka's principal name of this user, as ACLs name it. */
    public String principal() {
        return "User:" + name;
    }

    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                + "\" password=\"" + password + "\";";
    }

    /** Kafka client configs: SASL_SSL with this user, trusting the broker's certificate. */
    public Map<String, Object> clientConfigs(String bootstrapServers, TrustStore trustStore) {
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("bootstrap.servers", bootstrapServers);
        configs.put("security.protocol", "SASL_SSL");
        configs.put("sasl.mechanism", MECHANISM);
        configs.put("sasl.jaas.config", jaasConfig());
        configs.put("ssl.truststore.location", trustStore.path().toString());
        configs.put("ssl.truststore.password", trustStore.password());
        configs.put("ssl.truststore.type", TrustStore.TYPE);
        return configs;
    }

    /** The same as Spring Boot's environment variables, as a service is given them. */
    public Map<String, String> springEnvironment(String bootstrapServers, TrustStore trustStore) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", MECHANISM);
        env.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaasConfig());
        env.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:" + trustStore.path());
        env.put("SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", trustStore.password());
        env.put("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", TrustStore.TYPE);
        return env;
    }

    @Override
    public String toString() {
        return "KafkaUser[" + name + "]";
    }
}
