package io.checkoutrelay.localstack.system;

import io.checkoutrelay.localstack.FreePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loopback ports of every part. A service keeps its port across a restart, as a Kubernetes
 * Service keeps its address.
 */
public record SystemPorts(int kafka, int kafkaController, int registry, int sandbox, Map<String, Integer> services) {

    public SystemPorts {
        services = Map.copyOf(services);
        for (String service : WholeSystem.SERVICES) {
            if (!services.containsKey(service)) {
                throw new IllegalArgumentException("no port for " + service);
            }
        }
        List<Integer> all = new ArrayList<>(List.of(kafka, kafkaController, registry, sandbox));
        all.addAll(services.values());
        Set<Integer> seen = new HashSet<>();
        for (int port : all) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
            if (!seen.add(port)) {
                throw new IllegalArgumentException("port " + port + " is given to two parts");
            }
        }
    }

    /** The README's fixed ports: Kafka 9092 (controller 9093), registry 8081, sandbox 8090, services 8080, 8082, 8083. */
    public static SystemPorts localDefaults() {
        return new SystemPorts(9092, 9093, 8081, 8090, Map.of(
                WholeSystem.INTAKE, 8080, WholeSystem.ENRICHER, 8082, WholeSystem.IMPORTER, 8083));
    }

    /** Ports that were free a moment ago, all different: runs beside another system on the same machine. */
    public static SystemPorts free() {
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> services = new LinkedHashMap<>();
        int kafka = distinctFreePort(taken);
        int controller = distinctFreePort(taken);
        int registry = distinctFreePort(taken);
        int sandbox = distinctFreePort(taken);
        WholeSystem.SERVICES.forEach(service -> services.put(service, distinctFreePort(taken)));
        return new SystemPorts(kafka, controller, registry, sandbox, services);
    }

    public int service(String service) {
        Integer port = services.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service named '" + service + "'; services: " + WholeSystem.SERVICES);
        }
        return port;
    }

    private static int distinctFreePort(Set<Integer> taken) {
        int port = FreePort.pick();
        while (!taken.add(port)) {
            port = FreePort.pick();
        }
        return port;
    }
}
