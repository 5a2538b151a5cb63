package io.checkoutrelay.schemas.topic;

import java.time.Duration;
import java.util.Map;

/**
 * A topic of the contract and the settings it is created with. {@code retention} is null for
 * compacted topics (kept until superseded).
 */
public record TopicSpec(String name, String cleanupPolicy, Duration retention, String purpose) {

    public static final String DELETE = "delete";
    public static final String COMPACT = "compact";

    /** Topic-level configs for creating the topic (cleanup.policy, retention.ms). */
    public Map<String, String> configs() {
        return retention == null
                ? Map.of("cleanup.policy", cleanupPolicy)
                : Map.of("cleanup.policy", cleanupPolicy, "retention.ms", Long.toString(retention.toMillis()));
    }

    /** The dead-letter topic of this topic: the original bytes, the error in headers. */
    public TopicSpec deadLetter() {
        return new TopicSpec(name + ".dlt", DELETE, Duration.ofDays(14),
                "records of " + name + " that could not be processed");
    }
}
