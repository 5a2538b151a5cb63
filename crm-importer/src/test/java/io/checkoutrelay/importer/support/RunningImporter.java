package io.checkoutrelay.importer.support;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.checkoutrelay.importer.CrmImporterApplication;
import io.checkoutrelay.localstack.junit.Infrastructure;

/** The importer started in this JVM against the real broker, registry and sandbox, with its own topics. */
public final class RunningImporter implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningImporter(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The settings a test run uses: its own input topic, ledger and group; quick retries. */
    public static Map<String, Object> settings(Infrastructure infra, SandboxCrm sandbox, String input, int partitions) {
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
        settings.put("crm-importer.topics.ledger", input + ".ledger");
        settings.put("crm-importer.topics.partitions", Integer.toString(partitions));
        settings.put("crm-importer.consumer.group-id", input + ".importer");
        settings.put("crm-importer.retry.initial-backoff", "50ms");
        settings.put("crm-importer.retry.max-backoff", "400ms");
        settings.put("crm-importer.retry.settle-delay", "300ms");
        settings.put("crm-importer.retry.partial-confirm-interval", "1s");
        return settings;
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
