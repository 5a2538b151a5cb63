package io.checkoutrelay.importer.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.checkoutrelay.importer.CrmImporterApplication;
import io.checkoutrelay.importer.config.ImporterProperties;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.schemas.topic.TopicLayout;
import io.checkoutrelay.schemas.topic.TopicProvisioner;
import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;

/** The importer started in this JVM against the real broker, registry and sandbox, with topics of its own run. */
public final class RunningImporter implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningImporter(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The settings a test run uses: its own input topic, ledger and group; quick retries. */
    public static Map<String, Object> settings(Infrastructure infra, SandboxCrm sandbox, String input) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.kafka.bootstrap-servers", infra.bootstrapServers());
        settings.put("crm-importer.registry-url", infra.registryUrl());
        settings.put("crm-importer.token-keys", TestCheckouts.TOKEN_KEYS);
        settings.put("crm-importer.checkoutchamp.base-url", sandbox.url());
        settings.put("crm-importer.checkoutchamp.login-id", "relay-local");
        settings.put("crm-importer.checkoutchamp.password", "relay-local-password");
        settings.put("crm-importer.checkoutchamp.request-timeout", "2s");
        settings.put("crm-importer.topics.input", input);
        settings.put("crm-importer.topics.ledger", ledger(input));
        settings.put("crm-importer.consumer.group-id", input + ".importer");
        settings.put("crm-importer.retry.initial-backoff", "50ms");
        settings.put("crm-importer.retry.max-backoff", "400ms");
        settings.put("crm-importer.retry.settle-delay", "300ms");
        settings.put("crm-importer.retry.partial-confirm-interval", "1s");
        return settings;
    }

    /** The ledger of a run whose input is {@code input}. */
    public static String ledger(String input) {
        return input + ".ledger";
    }

    /** A run's input, declared as {@link Topics#CHECKOUT_ENRICHED} is, under the run's name. */
    public static TopicSpec inputTopic(String input) {
        return Topics.CHECKOUT_ENRICHED.named(input);
    }

    /** Of what the importer writes, the topics of a run of its own: its ledger and dead letters (the others are shared). */
    public static List<TopicSpec> ownOutputs(String input) {
        return new ImporterProperties.TopicNames(input, ledger(input)).outputs().stream()
                .filter(spec -> !Topics.all().contains(spec)).toList();
    }

    /** Provisions {@code topics} as the topics command does (the importer never creates one), {@code partitions} each. */
    public static void provision(Infrastructure infra, List<TopicSpec> topics, int partitions) {
        TopicProvisioner.provisionLocally(Map.of("bootstrap.servers", infra.bootstrapServers()),
                new TopicLayout(partitions, (short) 1, 1), topics);
    }

    /** A run's input and own outputs provisioned, {@code partitions} each (the ledger co-partitioned with the input). */
    public static void provisionOwnTopics(Infrastructure infra, String input, int partitions) {
        List<TopicSpec> topics = new ArrayList<>(List.of(inputTopic(input)));
        topics.addAll(ownOutputs(input));
        provision(infra, topics, partitions);
    }

    public static RunningImporter start(Map<String, Object> settings) {
        // as command-line arguments: they take precedence over application.yml, as environment variables do
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new RunningImporter(new SpringApplicationBuilder(CrmImporterApplication.class).run(args));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
