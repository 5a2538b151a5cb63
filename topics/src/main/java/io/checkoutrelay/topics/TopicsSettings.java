package io.checkoutrelay.topics;

import io.checkoutrelay.schemas.topic.TopicLayout;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The layout the topics are created with and checked against (prefix {@code topics}; environment
 * {@code TOPICS_PARTITIONS}, {@code TOPICS_REPLICATION_FACTOR}, {@code TOPICS_MIN_INSYNC_REPLICAS}).
 * The defaults are a production cluster's: three replicas, two in sync for {@code acks=all}.
 */
@ConfigurationProperties(prefix = "topics")
public record TopicsSettings(@DefaultValue("12") int partitions, @DefaultValue("3") short replicationFactor,
                             @DefaultValue("2") int minInsyncReplicas) {

    public TopicsSettings {
        new TopicLayout(partitions, replicationFactor, minInsyncReplicas); // refuses an unusable layout at start, naming the setting
    }

    public TopicLayout layout() {
        return new TopicLayout(partitions, replicationFactor, minInsyncReplicas);
    }
}
