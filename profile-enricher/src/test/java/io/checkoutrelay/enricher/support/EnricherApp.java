package io.checkoutrelay.enricher.support;

import io.checkoutrelay.enricher.ProfileEnricherApplication;
import io.checkoutrelay.keyed.KeyedConsumer;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.schemas.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service in this JVM, configured like the jar through properties, on the real broker and
 * registry. Each instance uses its own consumer group starting at the end of the input topic, and
 * is ready once it owns every input partition.
 */
public final class EnricherApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private EnricherApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static Map<String, Object> settings(Infrastructure infra, String amazonBaseUrl) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        settings.put("SCHEMA_REGISTRY_URL", infra.registryUrl());
        settings.put("AMAZON_API_BASE_URL", amazonBaseUrl);
        settings.put("AMAZON_CLIENT_ID", TestCheckouts.CLIENT_ID);
        settings.put("RELAY_TOKEN_KEYS", TestCheckouts.TOKEN_KEYS);
        settings.put("SERVER_PORT", "0");
        settings.put("relay.enricher.consumer-group", "enricher-test-" + UUID.randomUUID());
        settings.put("relay.enricher.auto-offset-reset", "latest");
        return settings;
    }

    public static EnricherApp start(Map<String, Object> settings) {
        KafkaTestClients.provisionTopics((String) settings.get("KAFKA_BOOTSTRAP_SERVERS"));
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProfileEnricherApplication.class)
                .run(args);
        KeyedConsumer loop = context.getBean(KeyedConsumer.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> loop.partitions().size() == Topics.DEFAULT_PARTITIONS);
        return new EnricherApp(context);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
