package io.checkoutrelay.deployment;

import static io.checkoutrelay.deployment.ManifestChecks.list;
import static io.checkoutrelay.deployment.ManifestChecks.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class ComposeFileTest {

    static final java.nio.file.Path ROOT = HelmChartTest.ROOT;
    static final List<String> REQUIRED = List.of("KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "AMAZON_API_BASE_URL",
            "AMAZON_CLIENT_ID", "CHECKOUTCHAMP_BASE_URL", "CHECKOUTCHAMP_LOGIN_ID", "CHECKOUTCHAMP_PASSWORD",
            "RELAY_TOKEN_KEYS");

    @Test
    void everyServiceGetsEverySettingItRequiresAndWaitsForHealthyInfrastructure() {
        Tool.Result config = compose().run(ROOT, Map.of(), "--env-file", "docker/sandbox.env", "--profile", "sandbox", "config");
        assertThat(config.exitCode()).as(config.err()).isZero();
        Map<String, Object> services = map(new Yaml().load(config.out()), "services");

        assertThat(services).containsKeys("kafka", "registry", "sandbox", "order-intake", "profile-enricher", "crm-importer");
        for (String service : List.of("order-intake", "profile-enricher", "crm-importer")) {
            Map<String, Object> environment = map(map(services, service), "environment");
            for (String setting : REQUIRED) {
                assertThat(String.valueOf(environment.get(setting))).as(service + " " + setting).isNotBlank().isNotEqualTo("null");
            }
            Map<String, Object> dependsOn = map(map(services, service), "depends_on");
            assertThat(map(dependsOn, "kafka").get("condition")).as(service).isEqualTo("service_healthy");
            assertThat(map(dependsOn, "registry").get("condition")).as(service).isEqualTo("service_healthy");
            assertThat(list(map(map(services, service), "healthcheck"), "test")).as(service + " healthcheck").isNotEmpty();
        }
        assertThat(map(map(services, "order-intake"), "environment")).containsKey("INTAKE_ALLOWED_ORIGINS");
        // the sandbox profile serves the README's demo lander
        assertThat(map(map(services, "order-intake"), "environment").get("INTAKE_DEMO_ENABLED")).isEqualTo("true");
        assertThat(String.valueOf(map(services, "crm-importer").get("stop_grace_period"))).isEqualTo("90s");
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

    private static Tool compose() {
        return Tool.require("docker-compose", "DOCKER_COMPOSE");
    }
}
