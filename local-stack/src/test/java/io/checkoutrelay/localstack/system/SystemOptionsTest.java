package io.checkoutrelay.localstack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemOptionsTest {

    private static final Path ROOT = Path.of("/repo");
    private static final Path WORK = Path.of("/repo/.local-stack");

    @Test
    void freePortsAreDistinctAndCoverEveryService() {
        SystemPorts ports = SystemPorts.free();
        List<Integer> all = new ArrayList<>(List.of(ports.kafka(), ports.kafkaController(), ports.registry(),
                ports.sandbox()));
        WholeSystem.SERVICES.forEach(service -> all.add(ports.service(service)));
        assertThat(new HashSet<>(all)).hasSize(7);
    }

    @Test
    void localDefaultsAreTheReadmePorts() {
        SystemPorts ports = SystemPorts.localDefaults();
        assertThat(List.of(ports.kafka(), ports.kafkaController(), ports.registry(), ports.sandbox()))
                .containsExactly(9092, 9093, 8081, 8090);
        assertThat(ports.service("order-intake")).isEqualTo(8080);
        assertThat(ports.service("profile-enricher")).isEqualTo(8082);
        assertThat(ports.service("crm-importer")).isEqualTo(8083);
    }

    @Test
    void badPortsAndUnknownServicesAreNamed() {
        Map<String, Integer> services = Map.of("order-intake", 8080, "profile-enricher", 8082, "crm-importer", 8083);
        assertThatThrownBy(() -> new SystemPorts(9092, 9092, 8081, 8090, services))
                .hasMessage("port 9092 is given to two parts");
        assertThatThrownBy(() -> new SystemPorts(9092, 9093, 70_000, 8090, services))
                .hasMessage("port 70000 is not between 1 and 65535");
        assertThatThrownBy(() -> new SystemPorts(9092, 9093, 8081, 8090, Map.of("order-intake", 8080)))
                .hasMessageContaining("no port for profile-enricher");
        assertThatThrownBy(() -> SystemPorts.localDefaults().service("order-intak"))
                .hasMessageContaining("no service named 'order-intak'");
    }

    @Test
    void settingsLayerOverTheDefaults() {
        SystemOptions options = SystemOptions.builder(ROOT, WORK)
                .serviceSetting("INTAKE_RATELIMIT_ENABLED", "false")
                .logFormat("json")
                .sandboxSetting("SANDBOX_CRM_TIMEOUTDELAY", "8s")
                .sandboxSetting("SANDBOX_CRM_LOGIN_ID", "someone-else")
                .build();
        assertThat(options.serviceEnvironment())
                .containsEntry("INTAKE_RATELIMIT_ENABLED", "false").containsEntry("LOG_FORMAT", "json");
        assertThat(options.sandboxSettings())
                .containsEntry("SANDBOX_CRM_TIMEOUTDELAY", "8s")
                .containsEntry("SANDBOX_CRM_LOGIN_ID", "someone-else")
                .containsKey("SANDBOX_AMAZON_CLIENT_ID");
        assertThat(options.serviceJvmFlags()).containsExactly("-Xms64m", "-Xmx384m", "-XX:+UseG1GC");
    }

    @Test
    void aServiceMayHaveFlagsAndSettingsOfItsOwn() {
        SystemOptions options = SystemOptions.builder(ROOT, WORK)
                .serviceJvmFlags(List.of("-Xmx192m"))
                .serviceJvmFlags("crm-importer", List.of("-Xmx160m", "-XX:TieredStopAtLevel=1"))
                .serviceSetting("crm-importer", "MANAGEMENT_SERVER_PORT", "9001")
                .build();

        assertThat(options.serviceJvmFlags("crm-importer")).containsExactly("-Xmx160m", "-XX:TieredStopAtLevel=1");
        assertThat(options.serviceJvmFlags("order-intake")).containsExactly("-Xmx192m");
        assertThat(options.perServiceEnvironment()).isEqualTo(Map.of("crm-importer", Map.of("MANAGEMENT_SERVER_PORT", "9001")));
        assertThatThrownBy(() -> SystemOptions.builder(ROOT, WORK).serviceJvmFlags("sandbox", List.of("-Xmx1g")).build())
                .hasMessageContaining("'sandbox' is not a service");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> SystemOptions.builder(ROOT, WORK).logFormat("xml"))
                .hasMessage("log format is 'json' or 'text', not 'xml'");
        assertThatThrownBy(() -> SystemOptions.builder(ROOT, WORK).tokenKeyId("a:b").build())
                .hasMessageContaining("not 'a:b'");
        assertThatThrownBy(() -> SystemOptions.builder(ROOT, WORK).readyTimeout(Duration.ZERO).build())
                .hasMessage("ready timeout must be positive, not PT0S");
    }
}
