package io.checkoutrelay.deployment;

import static io.checkoutrelay.deployment.ManifestChecks.list;
import static io.checkoutrelay.deployment.ManifestChecks.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ComposeFileTest {

    static final java.nio.file.Path ROOT = HelmChartTest.ROOT;
    static final List<String> REQUIRED_BY_ALL = List.of("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "RELAY_TOKEN_KEYS");
    static final Map<String, List<String>> REQUIRED = Map.of(
            "order-intake", REQUIRED_BY_ALL,
            "profile-enricher", List.of("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "RELAY_TOKEN_KEYS",
                    "AMAZON_API_BASE_URL", "AMAZON_CLIENT_ID"),
            "crm-importer", List.of("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "RELAY_TOKEN_KEYS",
                    "CHECKOUTCHAMP_BASE_URL", "CHECKOUTCHAMP_LOGIN_ID", "CHECKOUTCHAMP_PASSWORD"));
    static final Set<String> CREDENTIALS = Set.of("AMAZON_CLIENT_ID", "CHECKOUTCHAMP_LOGIN_ID", "CHECKOUTCHAMP_PASSWORD");

    @Test
    void everyServiceGetsEverySettingItRequiresAndWaitsForHealthyInfrastructure() {
        Map<String, Object> services = sandboxConfig();

        assertThat(services).containsKeys("kafka", "registry", "sandbox", "order-intake", "profile-enricher", "crm-importer");
        for (String service : REQUIRED.keySet()) {
            Map<String, Object> environment = map(map(services, service), "environment");
            for (String setting : REQUIRED.get(service)) {
                assertThat(String.valueOf(environment.get(setting))).as(service + " " + setting).isNotBlank().isNotEqualTo("null");
            }
            assertThat(environment.keySet()).as(service + " holds only the credentials it uses")
                    .filteredOn(CREDENTIALS::contains).containsExactlyInAnyOrderElementsOf(
                            REQUIRED.get(service).stream().filter(CREDENTIALS::contains).toList());
            Map<String, Object> dependsOn = map(map(services, service), "depends_on");
            assertThat(map(dependsOn, "kafka").get("condition")).as(service).isEqualTo("service_healthy");
            assertThat(map(dependsOn, "registry").get("condition")).as(service).isEqualTo("service_healthy");
            assertThat(String.valueOf(map(map(services, service), "healthcheck").get("test")))
                    .as(service + " healthcheck").contains("/bin/busybox", "wget", "/actuator/health/readiness");
        }
        assertThat(map(map(services, "order-intake"), "environment")).containsKey("INTAKE_ALLOWED_ORIGINS");
        // the sandbox profile serves the README's demo lander
        assertThat(map(map(services, "order-intake"), "environment").get("INTAKE_DEMO_ENABLED")).isEqualTo("true");
        assertThat(String.valueOf(map(services, "crm-importer").get("stop_grace_period"))).isEqualTo("90s");
    }

    @Test
    void servicesRunTheImagesTheBuildMakesUnderTheChartsNames() {
        Map<String, Object> services = sandboxConfig();
        for (String module : List.of("order-intake", "profile-enricher", "crm-importer", "topics", "sandbox")) {
            assertThat(map(services, module).get("image")).as(module)
                    .isEqualTo("ghcr.io/checkout-relay/" + module + ":" + System.getProperty("relay.version"));
            assertThat(map(services, module)).as(module + " is not built from a Dockerfile").doesNotContainKey("build");
        }
    }

    @Test
    void theTopicsCommandProvisionsTheTopicsForTheOneBrokerOnceKafkaIsHealthy() {
        Map<String, Object> topics = map(sandboxConfig(), "topics");

        assertThat(topics.get("command")).isEqualTo(List.of("create"));
        assertThat(map(topics, "environment")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("TOPICS_PARTITIONS", "6").containsEntry("TOPICS_REPLICATION_FACTOR", "1")
                .containsEntry("TOPICS_MIN_INSYNC_REPLICAS", "1");
        assertThat(map(map(topics, "depends_on"), "kafka")).containsEntry("condition", "service_healthy");
        assertThat(topics.get("restart")).isEqualTo("no");
    }

    @Test
    void kafkaKeepsItsDataInTheVolumeAndToolsOnTheHostReachIt() {
        Map<String, Object> kafka = map(sandboxConfig(), "kafka");
        Map<String, Object> environment = map(kafka, "environment");

        String logDirs = String.valueOf(environment.get("KAFKA_LOG_DIRS"));
        assertThat(kafka.get("volumes")).asList().contains("kafka-data:" + logDirs + ":rw");
        assertThat(String.valueOf(environment.get("KAFKA_ADVERTISED_LISTENERS"))).contains("PLAINTEXT://kafka:9092", "://localhost:29092");
        assertThat(list(kafka, "ports")).anySatisfy(port -> assertThat(port)
                .containsEntry("published", 29092).containsEntry("target", 29092));
    }

    @Test
    void theRegistryKeepsSchemasInKafkaAcrossRestarts() {
        Map<String, Object> registry = map(sandboxConfig(), "registry");
        assertThat(map(registry, "environment")).containsEntry("APICURIO_STORAGE_KIND", "kafkasql")
                .containsEntry("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", "kafka:9092");
        assertThat(map(map(registry, "depends_on"), "kafka")).containsEntry("condition", "service_healthy");
    }

    @Test
    void withoutCredentialsComposeRefusesAndNamesTheMissingSetting() {
        Tool.Result config = compose().run(ROOT, Map.of("AMAZON_CLIENT_ID", "", "CHECKOUTCHAMP_LOGIN_ID", "x",
                "CHECKOUTCHAMP_PASSWORD", "y", "RELAY_TOKEN_KEYS", "k:AAAAAAAAAAAAAAAAAAAAAA=="), "config");
        assertThat(config.exitCode()).isNotZero();
        assertThat(config.err()).contains("set AMAZON_CLIENT_ID");
    }

    @Test
    void withoutTheSandboxSettingsTheDemoLanderIsOff() {
        Tool.Result config = compose().run(ROOT, Map.of("AMAZON_CLIENT_ID", "a", "CHECKOUTCHAMP_LOGIN_ID", "x",
                "CHECKOUTCHAMP_PASSWORD", "y", "RELAY_TOKEN_KEYS", "k:AAAAAAAAAAAAAAAAAAAAAA=="), "config");
        assertThat(config.exitCode()).as(config.err()).isZero();
        Map<String, Object> services = map(new Yaml().load(config.out()), "services");
        assertThat(map(map(services, "order-intake"), "environment").get("INTAKE_DEMO_ENABLED")).isEqualTo("false");
    }

    @Test
    void composeFileIsCleanYaml() {
        Tool.Result lint = Tool.require("yamllint", "YAMLLINT").run(ROOT, Map.of(),
                "-d", "{extends: relaxed, rules: {line-length: disable}}", "docker-compose.yml");
        assertThat(lint.exitCode()).as(lint.out()).isZero();
    }

    private static Map<String, Object> sandboxConfig() {
        Tool.Result config = compose().run(ROOT, Map.of(), "--env-file", "docker/sandbox.env", "--profile", "sandbox", "config");
        assertThat(config.exitCode()).as(config.err()).isZero();
        return map(new Yaml().load(config.out()), "services");
    }

    private static Tool compose() {
        return Tool.require("docker-compose", "DOCKER_COMPOSE");
    }
}
