package io.checkoutrelay.bench.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.checkoutrelay.bench.load.GeneratorProcess;
import io.checkoutrelay.bench.scenario.CrmSetup;
import io.checkoutrelay.localstack.Java;

/**
 * The read-back catches a setting that does not bind. An app with the importer's property names is started
 * with the environment the bench gives the importer, actuator on a management port as the bench exposes it;
 * the bench's check must pass for CrmSetup's settings and fail, naming the property, for a name Spring does
 * not bind (CRM_IMPORTER_CONSUMER_GROUPID, the name the bench used until 2026-11-28).
 */
class SettingsReadBackTest {

    /** Runs the app with exactly {@code env} as its system environment. */
    private static ConfigurableApplicationContext start(Map<String, String> env, int managementPort) {
        // in tests SLF4J is bound to the broker's log4j (local-stack.jar's manifest): Spring Boot leaves logging alone
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Map<String, Object> all = new HashMap<>(env);
        ActuatorSettings.exposure(managementPort).forEach(all::put);
        all.put("SERVER_PORT", "0");
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources sources) {
                sources.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, all));
            }
        };
        return new SpringApplicationBuilder(ImporterLikeApplication.class).environment(environment)
                .web(WebApplicationType.SERVLET).properties(ImporterLikeApplication.DEFAULTS).run();
    }

    private static List<ReadBack> readBack(Map<String, String> env, List<ExpectedSetting> expected) {
        int port = freePort();
        try (ConfigurableApplicationContext app = start(env, port)) {
            ActuatorSettings actuator = new ActuatorSettings("http://127.0.0.1:" + port);
            List<ReadBack> readBacks = new ArrayList<>();
            for (ExpectedSetting setting : expected) {
                readBacks.add(actuator.read(setting.property())
                        .map(found -> new ReadBack("app", setting.property(), setting.value(), found.value(), found.origin()))
                        .orElseGet(() -> new ReadBack("app", setting.property(), setting.value(), "(not bound)", "")));
            }
            return readBacks;
        }
    }

    @Test
    void everySettingOfEachCrmSetupIsBoundUnderTheNameTheBenchGivesIt() {
        for (CrmSetup setup : List.of(CrmSetup.onePerPartition(), CrmSetup.limit(64))) {
            List<ReadBack> readBacks = readBack(setup.importerEnvironment(), setup.importerSettings());

            assertThat(readBacks).as(setup.label()).hasSize(setup.importerSettings().size()).allMatch(ReadBack::matches);
        }
        assertThat(CrmSetup.onePerPartition().importerSettings()).extracting(ExpectedSetting::property)
                .contains("crm-importer.consumer.group-id", "crm-importer.consumer.max-in-flight");
    }

    @Test
    void aNameThatDoesNotBindIsCaughtAndNamed() {
        Map<String, String> oldNames = new LinkedHashMap<>();
        oldNames.put("CRM_IMPORTER_CONSUMER_GROUPID", "crm-importer-bench-baseline");
        oldNames.put("CRM_IMPORTER_CONSUMER_MAXINFLIGHT", "6");
        List<ExpectedSetting> expected = List.of(
                ExpectedSetting.of("CRM_IMPORTER_CONSUMER_GROUPID", "crm-importer.consumer.group-id", "crm-importer-bench-baseline"),
                ExpectedSetting.of("CRM_IMPORTER_CONSUMER_MAXINFLIGHT", "crm-importer.consumer.max-in-flight", 6));

        List<ReadBack> readBacks = readBack(oldNames, expected);

        assertThat(readBacks).noneMatch(ReadBack::matches);
        assertThat(readBacks).extracting(ReadBack::found).containsExactly("crm-importer", "512");
        assertThatThrownBy(() -> {
            throw new SettingsMismatch(readBacks);
        }).hasMessageContaining("crm-importer.consumer.group-id should be 'crm-importer-bench-baseline' but the running "
                + "process has 'crm-importer'").hasMessageContaining("crm-importer.consumer.max-in-flight should be '6'");
    }

    @Test
    void theOriginOfABoundValueNamesTheEnvironmentVariable() {
        List<ReadBack> readBacks = readBack(CrmSetup.limit(32).importerEnvironment(), List.of(
                ExpectedSetting.of("CRMIMPORTER_CONSUMER_GROUPID", "crm-importer.consumer.group-id", "crm-importer-bench-C-32")));

        assertThat(readBacks.get(0).where()).contains("CRMIMPORTER_CONSUMER_GROUPID");
    }

    @Test
    void jvmFlagsAndEnvironmentAreReadBackFromTheRunningProcess() throws Exception {
        List<String> flags = List.of("-Xms32m", "-Xmx96m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=32m", "-Dbench.probe=yes");
        List<String> command = new ArrayList<>(List.of(Java.executable()));
        command.addAll(flags);
        command.addAll(List.of("-cp", GeneratorProcess.classpath(), Sleeper.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process process = builder.start();
        try {
            SettingsCheck check = new SettingsCheck();
            List<ReadBack> ok = check.verify("sleeper", process.pid(), null,
                    List.of(ExpectedSetting.environmentOnly("MALLOC_ARENA_MAX", "2")), flags);

            assertThat(ok).hasSize(8).allMatch(ReadBack::matches);
            assertThat(ok).extracting(ReadBack::setting).contains("-XX:MaxHeapSize", "-XX:TieredStopAtLevel", "-Dbench.probe");
            assertThatThrownBy(() -> check.verify("sleeper", process.pid(), null,
                    List.of(ExpectedSetting.environmentOnly("MALLOC_ARENA_MAX", "4")), List.of("-Xmx192m", "-XX:+UseG1GC")))
                    .isInstanceOf(SettingsMismatch.class)
                    .hasMessageContaining("MALLOC_ARENA_MAX should be '4' but the running process has '2'")
                    .hasMessageContaining("-XX:MaxHeapSize should be '201326592' but the running process has '100663296'")
                    .hasMessageContaining("-XX:UseG1GC should be 'true' but the running process has 'false'");
        } finally {
            process.destroy();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
