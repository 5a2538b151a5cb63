package io.checkoutrelay.bench.soak;

import java.time.Duration;

import io.checkoutrelay.localstack.system.WholeSystem;

/** One thing the soak does to the running system. */
public sealed interface Fault {

    /** Short label for the results ("importer SIGKILL"). */
    String label();

    /** SIGKILL a service (a crash, an OOM kill), then start it again as Kubernetes would. */
    record Kill(String service) implements Fault {
        public String label() {
            return shortName(service) + " SIGKILL";
        }
    }

    /** SIGSTOP a service for {@code frozen} (longer than its consumer session timeout), then SIGCONT. */
    record Freeze(String service, Duration frozen) implements Fault {
        public String label() {
            return shortName(service) + " SIGSTOP " + frozen.toSeconds() + " s, SIGCONT";
        }
    }

    /** Restart the broker: SIGTERM, started again on the same ports and log directory. */
    record BrokerRestart() implements Fault {
        public String label() {
            return "broker restart";
        }
    }

    /** Restart the registry: SIGTERM, started again on the same port and storage. */
    record RegistryRestart() implements Fault {
        public String label() {
            return "registry restart";
        }
    }

    static String shortName(String service) {
        return switch (service) {
            case WholeSystem.IMPORTER -> "importer";
            case WholeSystem.ENRICHER -> "enricher";
            case WholeSystem.INTAKE -> "intake";
            default -> service;
        };
    }
}
