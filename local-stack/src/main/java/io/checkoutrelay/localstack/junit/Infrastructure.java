package io.checkoutrelay.localstack.junit;

import io.checkoutrelay.localstack.ApicurioRegistry;
import io.checkoutrelay.localstack.KafkaBroker;

/** What a test gets from {@link RealInfrastructure}: a running broker and a running registry. */
public record Infrastructure(KafkaBroker broker, ApicurioRegistry registry) {

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.apiUrl();
    }

    public String confluentCompatibleUrl() {
        return registry.confluentCompatibleUrl();
    }
}
