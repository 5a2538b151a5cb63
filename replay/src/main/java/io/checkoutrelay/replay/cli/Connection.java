package io.checkoutrelay.replay.cli;

import io.checkoutrelay.schemas.serde.RegistryAuth;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the broker and the schema registry are, and how to reach them: the consumer and producer
 * settings Spring Boot builds from {@code spring.kafka.*} (security included), the registry's URL and
 * authentication.
 */
public record Connection(Map<String, Object> consumerConfigs, Map<String, Object> producerConfigs, String registryUrl,
                         RegistryAuth registryAuth) {

    public Connection {
        consumerConfigs = Map.copyOf(consumerConfigs);
        producerConfigs = Map.copyOf(producerConfigs);
    }

    /** The brokers, for messages. */
    public String bootstrapServers() {
        Object servers = consumerConfigs.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return servers instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(servers);
    }
}
