package io.checkoutrelay.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart provisions the topics with the topics command, as a hook before the services are installed or upgraded. */
class TopicsJobTest {

    @Test
    void aPreInstallAndPreUpgradeHookRunsTheTopicsCommandWithTheLayoutOfTheValues() {
        Map<String, Object> job = topicsJob(render());

        Map<String, Object> annotations = map(map(job.get("metadata")).get("annotations"));
        assertThat(annotations).containsEntry("helm.sh/hook", "pre-install,pre-upgrade");
        Map<String, Object> container = container(job);
        assertThat(container.get("args")).isEqualTo(List.of("create"));
        assertThat(container.get("image")).isEqualTo("ghcr.io/checkout-relay/topics:0.1.0");
        assertThat(env(container)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("TOPICS_PARTITIONS", "12").containsEntry("TOPICS_REPLICATION_FACTOR", "3")
                .containsEntry("TOPICS_MIN_INSYNC_REPLICAS", "2");
    }

    @Test
    void theValuesUnderTopicsReachTheCommand() {
        Map<String, Object> container = container(topicsJob(render("--set", "topics.partitions=24",
                "--set", "topics.replicationFactor=5", "--set", "topics.minInsyncReplicas=3",
                "--set", "topics.image.repository=registry.example/relay/topics", "--set", "topics.image.tag=1.2.3")));

        assertThat(container.get("image")).isEqualTo("registry.example/relay/topics:1.2.3");
        assertThat(env(container)).containsEntry("TOPICS_PARTITIONS", "24").containsEntry("TOPICS_REPLICATION_FACTOR", "5")
                .containsEntry("TOPICS_MIN_INSYNC_REPLICAS", "3");
    }

    @Test
    void withProvisionOffThereIsNoJob() {
        List<Map<String, Object>> documents = render("--set", "topics.provision=false");

        assertThat(documents).isNotEmpty();
        assertThat(documents).noneMatch(d -> "Job".equals(d.get("kind")));
    }

    private static List<Map<String, Object>> render(String... settings) {
        List<String> args = new ArrayList<>(List.of("template", "checkout-relay", HelmChartTest.CHART.toString()));
        args.addAll(List.of(settings));
        Tool.Result result = Tool.require("helm", "HELM").run(HelmChartTest.ROOT, Map.of(), args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return HelmChartTest.parse(result.out());
    }

    private static Map<String, Object> topicsJob(List<Map<String, Object>> documents) {
        List<Map<String, Object>> jobs = documents.stream().filter(d -> "Job".equals(d.get("kind")))
                .filter(d -> map(d.get("metadata")).get("name").toString().endsWith("-topics")).toList();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private static Map<String, Object> container(Map<String, Object> job) {
        Map<String, Object> pod = map(map(map(job.get("spec")).get("template")).get("spec"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, Object> env(Map<String, Object> container) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
        return env.stream().collect(java.util.stream.Collectors.toMap(e -> e.get("name").toString(),
                e -> String.valueOf(e.get("value"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
