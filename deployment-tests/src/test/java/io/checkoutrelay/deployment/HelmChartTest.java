package io.checkoutrelay.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class HelmChartTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path CHART = ROOT.resolve("helm/checkout-relay");

    @TempDir
    Path temp;

    @Test
    void chartLintsCleanly() {
        Tool.Result lint = helm().run(ROOT, Map.of(), "lint", CHART.toString());
        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
    }

    @Test
    void renderedManifestsHaveProbesSecretsResourcesAndBudgets() throws IOException {
        String rendered = render(CHART);
        assertThat(ManifestChecks.problems(parse(rendered), "checkout-relay")).isEmpty();
        yamllint(rendered);
    }

    @Test
    void theChecksCatchARemovedProbeAndAPlainCredential() throws IOException {
        Path broken = copyChart();
        Path deployment = broken.resolve("templates/deployment.yaml");
        String template = Files.readString(deployment)
                .replace("          livenessProbe:", "          livenessProbeRemoved:")
                .replace(String.join("\n",
                        "            - name: RELAY_TOKEN_KEYS",
                        "              valueFrom:",
                        "                secretKeyRef:",
                        "                  name: {{ $root.Values.existingSecret }}",
                        "                  key: {{ $root.Values.secretKeys.tokenKeys }}"), String.join("\n",
                        "            - name: RELAY_TOKEN_KEYS",
                        "              value: \"k1:c2VjcmV0\""));
        Files.writeString(deployment, template);

        List<String> problems = ManifestChecks.problems(parse(render(broken)), "checkout-relay");

        assertThat(problems).contains("crm-importer: livenessProbe must GET /actuator/health/liveness (is null)",
                "order-intake: settings not read from Secret 'checkout-relay': [RELAY_TOKEN_KEYS]",
                "order-intake: RELAY_TOKEN_KEYS given as a plain value");
    }

    @Test
    void renderingWithoutASecretNameFailsAndSaysWhy() {
        Tool.Result result = helm().run(ROOT, Map.of(), "template", "r", CHART.toString(), "--set", "existingSecret=");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("existingSecret must name the Secret with the credentials");
    }

    private String render(Path chart) {
        Tool.Result result = helm().run(ROOT, Map.of(), "template", "checkout-relay", chart.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
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
