package io.checkoutrelay.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What an operator needs from the rendered chart; each problem says which manifest lacks what. */
final class ManifestChecks {

    static final Set<String> SECRET_SETTINGS = Set.of("AMAZON_CLIENT_ID", "CHECKOUTCHAMP_LOGIN_ID",
            "CHECKOUTCHAMP_PASSWORD", "RELAY_TOKEN_KEYS");
    static final Set<String> SERVICES = Set.of("order-intake", "profile-enricher", "crm-importer");

    private ManifestChecks() {
    }

    static List<String> problems(List<Map<String, Object>> manifests, String secretName) {
        List<String> problems = new ArrayList<>();
        Set<String> deployed = new java.util.HashSet<>();
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
        return problems;
    }

    private static String checkDeployment(Map<String, Object> deployment, String secretName, List<String> problems) {
        Map<String, Object> podSpec = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = list(podSpec, "containers").get(0);
        String name = String.valueOf(container.get("name"));
        probe(name, container, "livenessProbe", "/actuator/health/liveness", problems);
        probe(name, container, "readinessProbe", "/actuator/health/readiness", problems);
        Map<String, Object> resources = map(container, "resources");
        if (map(resources, "requests").get("cpu") == null || map(resources, "limits").get("memory") == null) {
            problems.add(name + ": resources need requests.cpu and limits.memory");
        }
        Set<String> fromSecret = list(container, "env").stream()
                .filter(e -> secretName.equals(map(map(e, "valueFrom"), "secretKeyRef").get("name")))
                .map(e -> String.valueOf(e.get("name"))).collect(Collectors.toSet());
        if (!fromSecret.containsAll(SECRET_SETTINGS)) {
            problems.add(name + ": settings not read from Secret '" + secretName + "': "
                    + SECRET_SETTINGS.stream().filter(s -> !fromSecret.contains(s)).sorted().toList());
        }
        list(container, "env").stream().filter(e -> SECRET_SETTINGS.contains(e.get("name")) && e.get("value") != null)
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
        Object actual = map(map(container, probe), "httpGet").get("path");
        if (!path.equals(actual)) {
            problems.add(name + ": " + probe + " must GET " + path + " (is " + actual + ")");
        }
    }

    private static Set<String> names(List<Map<String, Object>> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind")))
                .map(m -> String.valueOf(map(m, "metadata").get("name"))).collect(Collectors.toSet());
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
