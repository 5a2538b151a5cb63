package io.checkoutrelay.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables the README and the Helm Job give really bind (Spring's relaxed binding). */
class TopicsSettingsBindingTest {

    @Test
    void theDocumentedEnvironmentVariablesBind() {
        TopicsSettings settings = bind(Map.of("TOPICS_PARTITIONS", "24", "TOPICS_REPLICATION_FACTOR", "5",
                "TOPICS_MIN_INSYNC_REPLICAS", "3"));

        assertThat(settings).isEqualTo(new TopicsSettings(24, (short) 5, 3));
    }

    @Test
    void withoutSettingsTheLayoutIsAProductionClusters() {
        assertThat(bind(Map.of()).layout()).isEqualTo(io.checkoutrelay.schemas.topic.TopicLayout.PRODUCTION);
    }

    private static TopicsSettings bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("topics", TopicsSettings.class);
    }
}
