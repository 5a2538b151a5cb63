package io.checkoutrelay.deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** What an operator needs from the rendered chart; each problem says which manifest lacks what. */
final class ManifestChecks {

    /** The credentials each service reads, and so the only ones its pod may hold. */
    static final Map<String, Set<String>> SECRET_SETTINGS = Map.of(
            "order-intake", Set.of("RELAY_TOKEN_KEYS"),
            "profile-enricher", Set.of("AMAZON_CLIENT_ID", "RELAY_TOKEN_KEYS"),
            "crm-importer", Set.of("CHECKOUTCHAMP_LOGIN_ID", "CHECKOUTCHAMP_PASSWORD", "RELAY_TOKEN_KEYS"));
    static final Set<String> ALL_SECRET_SETTINGS = SECRET_SETTINGS.values().stream().flatMap(Set::stream)
            .collect(Collectors.toSet());
    static final Set<String> SERVICES = SECRET_SETTINGS.keySet();

    private ManifestChecks() {
    }

    static List<String> problems(List<Map<String, Object>> manifests, String secretName) {
        List<String> problems = new ArrayList<>();
        Set<String> deployed = new HashSet<>();
        for (Map<String, Object> manifest : manifests) {
            if ("Deployment".equals(manifest.get("kind"))) {
                deployed.add(checkDeployment(manifest, secretName, problems));
            }
        }
        if (!deployed.equals(SERVICES)) {
            problems.add("deployments " + deployed + " instead of " + SERVICES);
        }
        Set<String> budgets = names(manifests, "PodDisruptionBudget");
        SERVICES.stream().filter(s -> budgets.stream().noneMatch(b -> b.endsWith(s)))
                .forEach(s -> problems.add(s + ": no PodDisruptionBudget"));
        if (names(manifests, "HorizontalPodAutoscaler").stream().noneMatch(n -> n.endsWith("order-intake"))) {
            problems.add("order-intake: no HorizontalPodAutoscaler");
        }
        checkServices(manifests, problems);
        of(manifests, "Ingress").forEach(ingress -> checkIngress(ingress, manifests, problems));
        of(manifests, "ServiceMonitor").forEach(monitor -> checkServiceMonitor(monitor, manifests, problems));
        if (!of(manifests, "NetworkPolicy").isEmpty()) {
            checkNetworkPolicies(manifests, problems);
        }
        return problems;
    }

    private static String checkDeployment(Map<String, Object> deployment, String secretName, List<String> problems) {
        Map<String, Object> podSpec = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = list(podSpec, "containers").get(0);
        String name = String.valueOf(container.get("name"));
        Object managementPort = containerPort(container, "management");
        Object managementEnv = env(container, "MANAGEMENT_SERVER_PORT");
        if (managementPort == null || !String.valueOf(managementPort).equals(String.valueOf(managementEnv))) {
            problems.add(name + ": container port 'management' (" + managementPort
                    + ") is not MANAGEMENT_SERVER_PORT (" + managementEnv + ")");
        }
        probe(name, container, "livenessProbe", "/actuator/health/liveness", problems);
        probe(name, container, "readinessProbe", "/actuator/health/readiness", problems);
        Map<String, Object> resources = map(container, "resources");
        if (map(resources, "requests").get("cpu") == null || map(resources, "limits").get("memory") == null) {
            problems.add(name + ": resources need requests.cpu and limits.memory");
        }
        Set<String> fromSecret = list(container, "env").stream()
                .filter(e -> secretName.equals(map(map(e, "valueFrom"), "secretKeyRef").get("name")))
                .map(e -> String.valueOf(e.get("name"))).collect(Collectors.toSet());
        Set<String> needed = SECRET_SETTINGS.getOrDefault(name, Set.of());
        if (!fromSecret.containsAll(needed)) {
            problems.add(name + ": settings not read from Secret '" + secretName + "': "
                    + needed.stream().filter(s -> !fromSecret.contains(s)).sorted().toList());
        }
        List<String> unneeded = list(container, "env").stream().map(e -> String.valueOf(e.get("name")))
                .filter(ALL_SECRET_SETTINGS::contains).filter(s -> !needed.contains(s)).sorted().toList();
        if (!unneeded.isEmpty()) {
            problems.add(name + ": holds credentials it does not use: " + unneeded);
        }
        list(container, "env").stream().filter(e -> ALL_SECRET_SETTINGS.contains(e.get("name")) && e.get("value") != null)
                .forEach(e -> problems.add(name + ": " + e.get("name") + " given as a plain value"));
        if (!Boolean.TRUE.equals(map(podSpec, "securityContext").get("runAsNonRoot"))) {
            problems.add(name + ": pod does not require runAsNonRoot");
        }
        if (!Boolean.FALSE.equals(map(container, "securityContext").get("allowPrivilegeEscalation"))) {
            problems.add(name + ": container allows privilege escalation");
        }
        Object grace = podSpec.get("terminationGracePeriodSeconds");
        if (name.equals("crm-importer") && (!(grace instanceof Number n) || n.intValue() < 60)) {
            problems.add(name + ": terminationGracePeriodSeconds " + grace + " is too short to finish in-flight CRM calls");
        }
        return name;
    }

    private static void probe(String name, Map<String, Object> container, String probe, String path, List<String> problems) {
        Map<String, Object> get = map(map(container, probe), "httpGet");
        if (!path.equals(get.get("path"))) {
            problems.add(name + ": " + probe + " must GET " + path + " (is " + get.get("path") + ")");
        } else if (!"management".equals(get.get("port"))) {
            problems.add(name + ": " + probe + " must use the management port (is " + get.get("port") + ")");
        }
    }

    /** Every service has a metrics Service on its management port; no other Service exposes actuator. */
    private static void checkServices(List<Map<String, Object>> manifests, List<String> problems) {
        for (Map<String, Object> service : of(manifests, "Service")) {
            String name = String.valueOf(map(service, "metadata").get("name"));
            boolean metrics = "metrics".equals(map(map(service, "metadata"), "labels").get("app.kubernetes.io/component"));
            List<Object> targets = list(map(service, "spec"), "ports").stream().map(p -> p.get("targetPort")).toList();
            if (!metrics && targets.contains("management")) {
                problems.add("Service " + name + " exposes the management port (actuator) next to its public port");
            }
        }
        Set<String> metricsServices = of(manifests, "Service").stream()
                .filter(s -> "metrics".equals(map(map(s, "metadata"), "labels").get("app.kubernetes.io/component")))
                .map(s -> String.valueOf(map(map(s, "metadata"), "labels").get("app.kubernetes.io/name")))
                .collect(Collectors.toSet());
        SERVICES.stream().filter(s -> !metricsServices.contains(s))
                .forEach(s -> problems.add(s + ": no metrics Service for its management port"));
    }

    private static void checkIngress(Map<String, Object> ingress, List<Map<String, Object>> manifests, List<String> problems) {
        for (Map<String, Object> rule : list(map(ingress, "spec"), "rules")) {
            for (Map<String, Object> path : list(map(rule, "http"), "paths")) {
                Map<String, Object> backend = map(map(path, "backend"), "service");
                Map<String, Object> service = byName(manifests, "Service", String.valueOf(backend.get("name")));
                if (service.isEmpty()) {
                    problems.add("Ingress routes to Service " + backend.get("name") + ", which is not rendered");
                } else if (!"order-intake".equals(map(map(service, "metadata"), "labels").get("app.kubernetes.io/name"))
                        || !"http".equals(map(backend, "port").get("name"))) {
                    problems.add("Ingress must route to the intake's http port, not " + backend);
                }
            }
        }
        Map<String, Object> intake = of(manifests, "Deployment").stream()
                .filter(d -> "order-intake".equals(map(map(d, "metadata"), "labels").get("app.kubernetes.io/name")))
                .findFirst().orElse(Map.of());
        Map<String, Object> container = list(map(map(map(intake, "spec"), "template"), "spec"), "containers").stream()
                .findFirst().orElse(Map.of());
        if (env(container, "INTAKE_TRUSTEDPROXIES") == null) {
            problems.add("order-intake behind an Ingress without INTAKE_TRUSTEDPROXIES: every buyer shares one rate-limit bucket");
        }
    }

    private static void checkServiceMonitor(Map<String, Object> monitor, List<Map<String, Object>> manifests, List<String> problems) {
        Map<String, Object> selector = map(map(map(monitor, "spec"), "selector"), "matchLabels");
        Set<String> selected = of(manifests, "Service").stream()
                .filter(s -> map(map(s, "metadata"), "labels").entrySet().containsAll(selector.entrySet()))
                .map(s -> String.valueOf(map(map(s, "metadata"), "labels").get("app.kubernetes.io/name")))
                .collect(Collectors.toSet());
        if (selector.isEmpty() || !selected.equals(SERVICES)) {
            problems.add("ServiceMonitor selects the Services of " + selected + " instead of the metrics Services of " + SERVICES);
        }
        for (Map<String, Object> endpoint : list(map(monitor, "spec"), "endpoints")) {
            if (!"management".equals(endpoint.get("port")) || !"/actuator/prometheus".equals(endpoint.get("path"))) {
                problems.add("ServiceMonitor must scrape /actuator/prometheus on port management, not " + endpoint);
            }
        }
    }

    private static void checkNetworkPolicies(List<Map<String, Object>> manifests, List<String> problems) {
        for (String service : SERVICES) {
            List<Map<String, Object>> policies = of(manifests, "NetworkPolicy").stream()
                    .filter(p -> service.equals(map(map(map(p, "spec"), "podSelector"), "matchLabels").get("app.kubernetes.io/name")))
                    .toList();
            if (policies.isEmpty()) {
                problems.add(service + ": no NetworkPolicy");
            }
            Set<Object> openPorts = policies.stream().flatMap(p -> list(map(p, "spec"), "ingress").stream())
                    .flatMap(rule -> list(rule, "ports").stream()).map(port -> port.get("port")).collect(Collectors.toSet());
            Set<Object> expected = service.equals("order-intake") ? Set.of("http", "management") : Set.of("management");
            if (!policies.isEmpty() && !openPorts.equals(expected)) {
                problems.add(service + ": NetworkPolicy lets in ports " + openPorts + " instead of " + expected);
            }
        }
    }

    private static Object containerPort(Map<String, Object> container, String name) {
        return list(container, "ports").stream().filter(p -> name.equals(p.get("name")))
                .map(p -> p.get("containerPort")).filter(Objects::nonNull).findFirst().orElse(null);
    }

    static Object env(Map<String, Object> container, String name) {
        return list(container, "env").stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .map(e -> e.get("value")).orElse(null);
    }

    static List<Map<String, Object>> of(List<Map<String, Object>> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    private static Map<String, Object> byName(List<Map<String, Object>> manifests, String kind, String name) {
        return of(manifests, kind).stream().filter(m -> name.equals(map(m, "metadata").get("name"))).findFirst()
                .orElse(Map.of());
    }

    private static Set<String> names(List<Map<String, Object>> manifests, String kind) {
        return of(manifests, kind).stream().map(m -> String.valueOf(map(m, "metadata").get("name")))
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
