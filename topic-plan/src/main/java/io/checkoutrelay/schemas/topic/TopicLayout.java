package io.checkoutrelay.schemas.topic;

/**
 * How the topics are laid out on a cluster: one partition count for every topic (so the importer's
 * ledger is co-partitioned with its input, and every record of a checkout keeps its partition
 * across topics), the replication factor and {@code min.insync.replicas}.
 */
public record TopicLayout(int partitions, short replicationFactor, int minInsyncReplicas) {

    /** A cluster of three or more brokers: an acknowledged record ({@code acks=all}) survives losing one. */
    public static final TopicLayout PRODUCTION = new TopicLayout(12, (short) 3, 2);

    /** The single broker of the local run and the tests. */
    public static final TopicLayout LOCAL = new TopicLayout(Topics.DEFAULT_PARTITIONS, (short) 1, 1);

    public TopicLayout {
        if (partitions < 1) {
            throw new IllegalArgumentException("topics.partitions (TOPICS_PARTITIONS) must be at least 1, not "
                    + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topics.replication-factor (TOPICS_REPLICATION_FACTOR) must be at"
                    + " least 1, not " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("topics.min-insync-replicas (TOPICS_MIN_INSYNC_REPLICAS) must be"
                    + " between 1 and the replication factor " + replicationFactor + ", not " + minInsyncReplicas);
        }
    }
}
