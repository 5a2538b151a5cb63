package io.checkoutrelay.schemas.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic of the contract and the configs it is created with. {@code retention} is null for topics
 * kept until superseded (compacted); {@code segment} is null for the broker's default segment roll.
 */
public record TopicSpec(String name, String cleanupPolicy, Duration retention, Duration segment, String purpose) {

    public static final String DELETE = "delete";
    public static final String COMPACT = "compact";
    /** Compacted, and also deleted once older than the retention: bounded however many keys pass. */
    public static final String COMPACT_DELETE = "compact,delete";

    public TopicSpec(String name, String cleanupPolicy, Duration retention, String purpose) {
        this(name, cleanupPolicy, retention, null, purpose);
    }

    /** Topic-level configs of the topic itself (cleanup.policy, retention.ms, segment.ms). */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy);
        if (retention != null) {
            configs.put("retention.ms", Long.toString(retention.toMillis()));
        }
        if (segment != null) {
            configs.put("segment.ms", Long.toString(segment.toMillis()));
        }
        return Map.copyOf(configs);
    }

    /** The configs this topic is created with, and checked for, on a cluster laid out as {@code layout}. */
    public Map<String, String> configs(TopicLayout layout) {
        Map<String, String> configs = new LinkedHashMap<>(configs());
        configs.put("min.insync.replicas", Integer.toString(layout.minInsyncReplicas()));
        return Map.copyOf(configs);
    }

    /** This declaration under another name (a test's own input or ledger, a renamed topic): same configs. */
    public TopicSpec named(String otherName) {
        return new TopicSpec(otherName, cleanupPolicy, retention, segment, purpose);
    }

    /** The dead-letter topic of this topic: the original bytes, the error in headers. */
    public TopicSpec deadLetter() {
        return new TopicSpec(name + ".dlt", DELETE, Duration.ofDays(14),
                "records of " + name + " that could not be processed");
    }
}
