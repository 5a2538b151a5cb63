package io.checkoutrelay.deployment;

import static io.checkoutrelay.deployment.ManifestChecks.env;
import static io.checkoutrelay.deployment.ManifestChecks.list;
import static io.checkoutrelay.deployment.ManifestChecks.map;
import static io.checkoutrelay.deployment.ManifestChecks.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class HelmChartTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path CHART = ROOT.resolve("helm/checkout-relay");
    /** Everything optional switched on, as an operator with the Prometheus operator and an ingress runs it. */
    static final List<String> EVERYTHING = List.of("--set", "ingress.enabled=true", "--set", "ingress.className=nginx",
            "--set", "ingress.tls[0].secretName=intake-tls", "--set", "ingress.tls[0].hosts[0]=intake.example.com",
            "--set", "intake.trustedProxies={10.0.0.0/8,192.168.0.0/16}", "--set", "metrics.serviceMonitor.enabled=true",
            "--set", "metrics.prometheusRule.enabled=true", "--set", "metrics.dashboard.enabled=true",
            "--set", "networkPolicy.enabled=true", "--set", "intake.clientPricesCampaigns=12\\,14");

    @TempDir
    Path temp;

    @Test
    void chartLintsCleanly() {
        Tool.Result lint = helm().run(ROOT, Map.of(), "lint", CHART.toString());
        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
        Tool.Result strict = helm().run(ROOT, Map.of(), concat(List.of("lint", "--strict", CHART.toString()), EVERYTHING));
        assertThat(strict.exitCode()).as(strict.out() + strict.err()).isZero();
    }

    @Test
    void renderedManifestsHaveProbesSecretsResourcesAndBudgets() throws IOException {
        String rendered = render(CHART);
        assertThat(ManifestChecks.problems(parse(rendered), "checkout-relay")).isEmpty();
        yamllint(rendered);
    }

    @Test
    void withIngressMonitoringAndNetworkPoliciesEverythingPassesTheChecks() throws IOException {
        String rendered = render(CHART, EVERYTHING);
        List<Map<String, Object>> manifests = parse(rendered);

        assertThat(manifests.stream().map(m -> String.valueOf(m.get("kind"))).collect(Collectors.toSet()))
                .contains("Ingress", "ServiceMonitor", "PrometheusRule", "NetworkPolicy", "ConfigMap");
        assertThat(ManifestChecks.problems(manifests, "checkout-relay")).isEmpty();
        Map<String, Object> ingress = of(manifests, "Ingress").get(0);
        assertThat(map(ingress, "spec").get("ingressClassName")).isEqualTo("nginx");
        assertThat(list(map(ingress, "spec"), "tls").get(0)).containsEntry("secretName", "intake-tls");
        assertThat(env(container(manifests, "order-intake"), "INTAKE_TRUSTEDPROXIES")).isEqualTo("10.0.0.0/8,192.168.0.0/16");
        assertThat(env(container(manifests, "order-intake"), "INTAKE_CLIENTPRICES_CAMPAIGNS")).isEqualTo("12,14");
        yamllint(rendered);
    }

    @Test
    void actuatorIsNeverOnThePublicPort() {
        List<Map<String, Object>> manifests = parse(render(CHART, EVERYTHING));
        for (String service : ManifestChecks.SERVICES) {
            Map<String, Object> container = container(manifests, service);
            assertThat(env(container, "MANAGEMENT_SERVER_PORT")).as(service).isEqualTo("8081");
            assertThat(env(container, "SERVER_PORT")).as(service).isEqualTo("8080");
        }
        Map<String, Object> publicService = of(manifests, "Service").stream()
                .filter(s -> String.valueOf(map(s, "metadata").get("name")).endsWith("-order-intake")).findFirst().orElseThrow();
        assertThat(list(map(publicService, "spec"), "ports")).extracting(p -> p.get("targetPort")).containsExactly("http");
    }

    @Test
    void onlyTheImporterPodHoldsTheCrmPassword() {
        List<Map<String, Object>> manifests = parse(render(CHART, EVERYTHING));
        assertThat(env(container(manifests, "crm-importer"), "CHECKOUTCHAMP_PASSWORD")).isNull(); // from the Secret
        assertThat(envNames(container(manifests, "crm-importer"))).contains("CHECKOUTCHAMP_LOGIN_ID", "CHECKOUTCHAMP_PASSWORD");
        assertThat(envNames(container(manifests, "order-intake")))
                .doesNotContain("CHECKOUTCHAMP_LOGIN_ID", "CHECKOUTCHAMP_PASSWORD", "AMAZON_CLIENT_ID")
                .contains("RELAY_TOKEN_KEYS");
        assertThat(envNames(container(manifests, "profile-enricher")))
                .doesNotContain("CHECKOUTCHAMP_LOGIN_ID", "CHECKOUTCHAMP_PASSWORD").contains("AMAZON_CLIENT_ID");
    }

    @Test
    void saslScramWithATruststoreReachesEveryPodAsSpringBootsOwnSettings() {
        List<Map<String, Object>> manifests = parse(render(CHART, List.of(
                "--set", "kafka.bootstrapServers=b-1.msk.example:9096",
                "--set", "kafka.security.protocol=SASL_SSL", "--set", "kafka.security.sasl.mechanism=SCRAM-SHA-512",
                "--set", "kafka.security.sasl.existingSecret=kafka-users",
                "--set", "kafka.security.sasl.jaasConfigKeys.importer=crm-importer.jaas",
                "--set", "kafka.security.truststore.existingSecret=kafka-ca",
                "--set", "kafka.security.truststore.passwordKey=truststore.password",
                "--set", "schemaRegistry.auth.type=basic", "--set", "schemaRegistry.auth.existingSecret=registry",
                "--set", "replay.enabled=true", "--set", "replay.args={declined,--dry-run}")));

        List<Map<String, Object>> pods = new ArrayList<>(of(manifests, "Deployment"));
        pods.addAll(of(manifests, "Job"));
        assertThat(pods).as("3 services, the replay Job, the topics Job").hasSize(5);
        for (Map<String, Object> pod : pods) {
            Map<String, Object> podSpec = map(map(map(pod, "spec"), "template"), "spec");
            Map<String, Object> container = list(podSpec, "containers").get(0);
            String name = String.valueOf(container.get("name"));
            assertThat(env(container, "KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("b-1.msk.example:9096");
            assertThat(env(container, "SPRING_KAFKA_SECURITY_PROTOCOL")).as(name).isEqualTo("SASL_SSL");
            assertThat(env(container, "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).as(name).isEqualTo("SCRAM-SHA-512");
            assertThat(secretRef(container, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).as(name)
                    .isEqualTo(name.equals("crm-importer") ? "kafka-users/crm-importer.jaas" : "kafka-users/sasl.jaas.config");
            assertThat(env(container, "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION")).as(name)
                    .isEqualTo("file:/etc/checkout-relay/kafka-truststore/truststore.p12");
            assertThat(secretRef(container, "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD")).as(name).isEqualTo("kafka-ca/truststore.password");
            assertThat(secretRef(container, "REGISTRY_AUTH_USERNAME")).as(name).isEqualTo("registry/REGISTRY_AUTH_USERNAME");
            assertThat(secretRef(container, "REGISTRY_AUTH_PASSWORD")).as(name).isEqualTo("registry/REGISTRY_AUTH_PASSWORD");
            assertThat(list(container, "volumeMounts")).as(name).anySatisfy(m -> assertThat(m)
                    .containsEntry("mountPath", "/etc/checkout-relay/kafka-truststore").containsEntry("readOnly", true));
            assertThat(list(podSpec, "volumes")).as(name).anySatisfy(v -> assertThat(map(v, "secret"))
                    .containsEntry("secretName", "kafka-ca"));
            assertThat(list(container, "env")).as(name + ": no credential as a plain value")
                    .noneMatch(e -> String.valueOf(e.get("name")).matches(".*(JAAS|PASSWORD|SECRET).*") && e.get("value") != null);
        }
    }

    @Test
    void mutualTlsAndOauthBearerRenderWhatTheKafkaClientNeeds() {
        List<Map<String, Object>> mtls = parse(render(CHART, List.of("--set", "kafka.security.protocol=SSL",
                "--set", "kafka.security.keystore.existingSecret=relay-client-cert",
                "--set", "kafka.security.truststore.existingSecret=kafka-ca")));
        Map<String, Object> importer = container(mtls, "crm-importer");
        assertThat(env(importer, "SPRING_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SSL");
        assertThat(env(importer, "SPRING_KAFKA_SSL_KEY_STORE_LOCATION")).isEqualTo("file:/etc/checkout-relay/kafka-keystore/keystore.p12");
        assertThat(secretRef(importer, "SPRING_KAFKA_SSL_KEY_STORE_PASSWORD")).isEqualTo("relay-client-cert/keystore.password");
        assertThat(secretRef(importer, "SPRING_KAFKA_SSL_KEY_PASSWORD")).isEqualTo("relay-client-cert/keystore.password");
        assertThat(envNames(importer)).doesNotContain("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM");

        List<Map<String, Object>> oauth = parse(render(CHART, List.of("--set", "kafka.security.protocol=SASL_SSL",
                "--set", "kafka.security.sasl.mechanism=OAUTHBEARER", "--set", "kafka.security.sasl.existingSecret=kafka-oauth",
                "--set", "kafka.security.sasl.oauthbearer.tokenEndpointUrl=https://idp.example/oauth2/token",
                "--set", "schemaRegistry.auth.type=oidc", "--set", "schemaRegistry.auth.existingSecret=registry-oidc",
                "--set", "schemaRegistry.auth.tokenEndpoint=https://idp.example/oauth2/token")));
        Map<String, Object> intake = container(oauth, "order-intake");
        assertThat(env(intake, "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).isEqualTo("OAUTHBEARER");
        assertThat(env(intake, "SPRING_KAFKA_PROPERTIES_SASL_LOGIN_CALLBACK_HANDLER_CLASS"))
                .isEqualTo("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        assertThat(env(intake, "SPRING_KAFKA_PROPERTIES_SASL_OAUTHBEARER_TOKEN_ENDPOINT_URL")).isEqualTo("https://idp.example/oauth2/token");
        assertThat(env(intake, "JDK_JAVA_OPTIONS")).isEqualTo("-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://idp.example/oauth2/token");
        assertThat(env(intake, "REGISTRY_AUTH_TOKEN_ENDPOINT")).isEqualTo("https://idp.example/oauth2/token");
        assertThat(secretRef(intake, "REGISTRY_AUTH_CLIENT_ID")).isEqualTo("registry-oidc/REGISTRY_AUTH_CLIENT_ID");
        assertThat(secretRef(intake, "REGISTRY_AUTH_CLIENT_SECRET")).isEqualTo("registry-oidc/REGISTRY_AUTH_CLIENT_SECRET");
    }

    @Test
    void incompleteSecurityValuesAreRefusedNamingTheMissingValue() {
        Tool.Result noSecret = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(),
                "--set", "kafka.security.protocol=SASL_SSL", "--set", "kafka.security.sasl.mechanism=PLAIN");
        assertThat(noSecret.exitCode()).isNotZero();
        assertThat(noSecret.err()).contains("kafka.security.sasl.existingSecret");

        Tool.Result noProxies = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(), "--set", "ingress.enabled=true");
        assertThat(noProxies.exitCode()).isNotZero();
        assertThat(noProxies.err()).contains("intake.trustedProxies");
    }

    @Test
    void aMisspeltOrMistypedValueIsRefused() {
        Tool.Result misspelt = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(), "--set", "intake.replicaCont=3");
        assertThat(misspelt.exitCode()).isNotZero();
        assertThat(misspelt.err()).contains("replicaCont");

        Tool.Result nested = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(), "--set", "kafka.securty.protocol=SSL");
        assertThat(nested.exitCode()).isNotZero();
        assertThat(nested.err()).contains("securty");

        Tool.Result misspeltImage = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(),
                "--set", "topics.image.repositry=registry.example/relay/topics");
        assertThat(misspeltImage.exitCode()).isNotZero();
        assertThat(misspeltImage.err()).contains("repositry");

        Tool.Result mistypedImage = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(),
                "--set-json", "topics.image.tag=3");
        assertThat(mistypedImage.exitCode()).isNotZero();
        assertThat(mistypedImage.err()).contains("topics.image.tag");

        Tool.Result mistyped = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(), "--set", "management.port=actuator");
        assertThat(mistyped.exitCode()).isNotZero();
        assertThat(mistyped.err()).contains("management.port");

        Tool.Result unknownProtocol = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(),
                "--set", "kafka.security.protocol=SASL_SLL");
        assertThat(unknownProtocol.exitCode()).isNotZero();
        assertThat(unknownProtocol.err()).contains("kafka.security.protocol");
    }

    @Test
    void everyValueIsDocumentedInTheChartReadme() throws IOException {
        String readme = Files.readString(CHART.resolve("README.md"));
        Object values = new Yaml().load(Files.readString(CHART.resolve("values.yaml")));
        Object schema = new Yaml().load(Files.readString(CHART.resolve("values.schema.json")));
        List<String> undocumented = new ArrayList<>();
        leaves("", values, schema, undocumented::add);
        undocumented.removeIf(key -> readme.contains("`" + key + "`"));
        assertThat(undocumented).as("values not named in helm/checkout-relay/README.md").isEmpty();
    }

    @Test
    void theAlertRulesAreValidAndFireWhenTheReadmeSaysTheyShould() throws IOException {
        Map<String, Object> rule = of(parse(render(CHART, EVERYTHING)), "PrometheusRule").get(0);
        Map<String, Object> groups = Map.of("groups", list(map(rule, "spec"), "groups"));
        Files.writeString(temp.resolve("rules.yaml"), new Yaml().dump(groups));
        Tool promtool = Tool.require("promtool", "PROMTOOL");

        Tool.Result check = promtool.run(temp, Map.of(), "check", "rules", "rules.yaml");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("SUCCESS: 8 rules found");

        Files.writeString(temp.resolve("alerts-test.yaml"), new Yaml().dump(withAnnotations(resource("alerts-test.yaml"), groups)));
        Tool.Result unitTests = promtool.run(temp, Map.of(), "test", "rules", "alerts-test.yaml");
        assertThat(unitTests.exitCode()).as(unitTests.out() + unitTests.err()).isZero();
    }

    @Test
    void alertsAndDashboardUseOnlyMetricsTheServicesExpose() throws IOException {
        Set<String> documented = documentedMetrics();
        assertThat(documented).contains("crm_importer_oldest_unimported_age_seconds", "intake_submissions_total");
        Map<String, Object> rule = of(parse(render(CHART, EVERYTHING)), "PrometheusRule").get(0);
        Set<String> inRules = metricNames(new Yaml().dump(list(map(rule, "spec"), "groups").stream()
                .flatMap(g -> list(g, "rules").stream()).map(r -> r.get("expr")).toList()));
        Set<String> inDashboard = metricNames(Files.readString(CHART.resolve("dashboards/checkout-relay.json")));

        assertThat(inRules).isNotEmpty().allSatisfy(m -> assertThat(documented).as("alert metric").contains(m));
        assertThat(inDashboard).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(m -> assertThat(documented).as("dashboard metric").contains(m));
    }

    @Test
    void theChecksCatchARemovedProbeAPlainCredentialAndActuatorOnThePublicService() throws IOException {
        Path broken = copyChart();
        Path deployment = broken.resolve("templates/deployment.yaml");
        String template = Files.readString(deployment)
                .replace("          livenessProbe:", "          livenessProbeRemoved:")
                .replace("{{- include \"checkout-relay.secretEnv\" (dict \"root\" $root \"name\" \"RELAY_TOKEN_KEYS\" \"key\" $root.Values.secretKeys.tokenKeys) | nindent 12 }}",
                        "- name: RELAY_TOKEN_KEYS\n              value: \"k1:c2VjcmV0\"")
                .replace("{{- if eq $key \"importer\" }}", "{{- if or (eq $key \"importer\") (eq $key \"intake\") }}");
        Files.writeString(deployment, template);
        Path service = broken.resolve("templates/service.yaml");
        Files.writeString(service, Files.readString(service).replace("      targetPort: http\n",
                "      targetPort: http\n    - name: actuator\n      port: 8081\n      targetPort: management\n"));

        List<String> problems = ManifestChecks.problems(parse(render(broken)), "checkout-relay");

        assertThat(problems).contains("crm-importer: livenessProbe must GET /actuator/health/liveness (is null)",
                "order-intake: settings not read from Secret 'checkout-relay': [RELAY_TOKEN_KEYS]",
                "order-intake: RELAY_TOKEN_KEYS given as a plain value",
                "order-intake: holds credentials it does not use: [CHECKOUTCHAMP_LOGIN_ID, CHECKOUTCHAMP_PASSWORD]",
                "Service checkout-relay-order-intake exposes the management port (actuator) next to its public port");
    }

    @Test
    void renderingWithoutASecretNameFailsAndSaysWhy() {
        Tool.Result result = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(), "--set", "existingSecret=");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("existingSecret must name the Secret with the credentials");
    }

    /** The metric names of the root README's table "Metrics an operator watches". */
    static Set<String> documentedMetrics() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Metrics an operator watches"));
        section = section.substring(0, section.indexOf("\nSuggested alerts"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("`([a-z_]+)(\\{[^`]*})?`").matcher(section);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Metric names in PromQL text: our prefixes, histogram series suffixes folded into the histogram's name. */
    static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:intake|enricher|crm_importer)_[a-z_]+)").matcher(promql);
        while (m.find()) {
            names.add(m.group(1).replaceAll("_(bucket|count|sum)$", ""));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withAnnotations(Map<String, Object> unitTests, Map<String, Object> groups) {
        Map<String, Object> annotations = new java.util.HashMap<>();
        ((List<Map<String, Object>>) groups.get("groups")).stream().flatMap(g -> list(g, "rules").stream())
                .forEach(r -> annotations.put(String.valueOf(r.get("alert")), r.get("annotations")));
        for (Map<String, Object> test : list(unitTests, "tests")) {
            for (Map<String, Object> alertTest : list(test, "alert_rule_test")) {
                assertThat(annotations).as("alert under test").containsKey(String.valueOf(alertTest.get("alertname")));
                for (Map<String, Object> expected : list(alertTest, "exp_alerts")) {
                    expected.put("exp_annotations", annotations.get(String.valueOf(alertTest.get("alertname"))));
                }
            }
        }
        return unitTests;
    }

    private static Map<String, Object> resource(String name) throws IOException {
        try (InputStream in = HelmChartTest.class.getResourceAsStream("/" + name)) {
            return new Yaml().load(in);
        }
    }

    /** Every value's dotted name, down to free-form maps (resources, labels), which are one value each. */
    @SuppressWarnings("unchecked")
    private static void leaves(String prefix, Object node, Object schema, java.util.function.Consumer<String> out) {
        Map<String, Object> properties = map((Map<String, Object>) schema, "properties");
        if (node instanceof Map<?, ?> m && !properties.isEmpty()) {
            m.forEach((k, v) -> leaves(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, properties.get(k), out));
        } else {
            out.accept(prefix);
        }
    }

    static Map<String, Object> container(List<Map<String, Object>> manifests, String name) {
        return of(manifests, "Deployment").stream()
                .map(d -> list(map(map(map(d, "spec"), "template"), "spec"), "containers").get(0))
                .filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    private static Set<String> envNames(Map<String, Object> container) {
        return list(container, "env").stream().map(e -> String.valueOf(e.get("name"))).collect(Collectors.toSet());
    }

    private static String secretRef(Map<String, Object> container, String name) {
        return list(container, "env").stream().filter(e -> name.equals(e.get("name")))
                .map(e -> map(map(e, "valueFrom"), "secretKeyRef")).filter(r -> !r.isEmpty())
                .map(r -> r.get("name") + "/" + r.get("key")).findFirst().orElse(null);
    }

    private String render(Path chart) {
        return render(chart, List.of());
    }

    private String render(Path chart, List<String> values) {
        Tool.Result result = helm().run(ROOT, Map.of(), concat(List.of("template", "checkout-relay", chart.toString()), values));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }

    private static String[] concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }

    private void yamllint(String rendered) throws IOException {
        Path file = temp.resolve("rendered.yaml");
        Files.writeString(file, rendered);
        Tool.Result lint = Tool.require("yamllint", "YAMLLINT").run(ROOT, Map.of(),
                "-d", "{extends: relaxed, rules: {line-length: disable}}", file.toString());
        assertThat(lint.exitCode()).as(lint.out()).isZero();
    }

    private static Tool helm() {
        return Tool.require("helm", "HELM");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                documents.add((Map<String, Object>) map);
            }
        }
        return documents;
    }

    private Path copyChart() throws IOException {
        Path copy = temp.resolve("chart");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }
}
