package io.checkoutrelay.schemas.topic;

/** What provisioning found about one topic: one line of the report each. */
public sealed interface TopicFinding {

    String topic();

    /** One line for the operator, naming the topic, what was expected and what is there. */
    String line();

    /** Whether the cluster cannot be used as it is (a missing topic, a wrong partition count). */
    default boolean fails() {
        return false;
    }

    record Created(String topic, int partitions, short replicationFactor) implements TopicFinding {
        public String line() {
            return "created  " + topic + ": " + partitions + " partitions, replication factor " + replicationFactor;
        }
    }

    record Matches(String topic) implements TopicFinding {
        public String line() {
            return "ok       " + topic;
        }
    }

    record Missing(String topic) implements TopicFinding {
        public String line() {
            return "MISSING  " + topic + ": not created yet (run: topics create)";
        }

        public boolean fails() {
            return true;
        }
    }

    record NotCreated(String topic, String reason) implements TopicFinding {
        public String line() {
            return "FAILED   " + topic + ": could not be created: " + reason;
        }

        public boolean fails() {
            return true;
        }
    }

    /** Never changed by provisioning: adding partitions moves keys between partitions (and breaks the ledger's co-partitioning). */
    record PartitionMismatch(String topic, int expected, int actual) implements TopicFinding {
        public String line() {
            return "MISMATCH " + topic + ": expected " + expected + " partitions, actual " + actual
                    + " (not changed: partitions are never altered by this command; fix the declaration's"
                    + " topics.partitions or the topic by hand)";
        }

        public boolean fails() {
            return true;
        }
    }

    record ReplicationDrift(String topic, short expected, int actual) implements TopicFinding {
        public String line() {
            return "drift    " + topic + ": replication factor expected " + expected + ", actual " + actual;
        }
    }

    record ConfigDrift(String topic, String config, String expected, String actual) implements TopicFinding {
        public String line() {
            return "drift    " + topic + ": " + config + " expected " + expected + ", actual " + actual;
        }
    }
}
