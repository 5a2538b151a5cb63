package io.checkoutrelay.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.JvmLaunch;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public intake jar run with the settings the chart gives it. With MANAGEMENT_SERVER_PORT: health, probes and
 * metrics answer on the management port only, and the public port (what the Ingress exposes) answers
 * 404 for them while it serves the API.
 */
@ExtendWith(RealInfrastructure.class)
class ManagementPortTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void actuatorMovesToTheManagementPortAndThePublicPortAnswers404(Infrastructure infrastructure, @TempDir Path workDir)
            throws Exception {
        Path jar = BootJar.builtJar(HelmChartTest.ROOT, "order-intake")
                .orElseThrow(() -> new AssertionError("order-intake is not built (./mvnw -B package)"));
        int publicPort = FreePort.pick();
        int managementPort = FreePort.pick();
        // ready when the public port serves the API: actuator is not there to ask
        JvmLaunch launch = new JvmLaunch("order-intake", JvmLaunch.DEFAULT_JVM_FLAGS,
                List.of("-jar", jar.toString()), "/v1/openapi.yaml", JvmLaunch.DEFAULT_READY_TIMEOUT);
        Map<String, String> settings = Map.of(
                "MANAGEMENT_SERVER_PORT", Integer.toString(managementPort),
                "KAFKA_BOOTSTRAP_SERVERS", infrastructure.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", infrastructure.registryUrl(),
                "RELAY_TOKEN_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        try (BootJar intake = BootJar.start(launch, publicPort, settings, workDir)) {
            String management = "http://127.0.0.1:" + managementPort;
            String open = "http://127.0.0.1:" + publicPort;

            // the management server is a child context: it may open its port a moment after the public one
            await().atMost(Duration.ofSeconds(30)).ignoreException(java.net.ConnectException.class).untilAsserted(() ->
                    assertThat(get(management + "/actuator/health/liveness").statusCode()).isEqualTo(200));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(get(management + "/actuator/health/readiness").statusCode()).isEqualTo(200));
            HttpResponse<String> metrics = get(management + "/actuator/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("application=\"order-intake\"").contains("intake_rate_limited_total");

            for (String actuator : List.of("/actuator", "/actuator/health", "/actuator/health/liveness",
                    "/actuator/health/readiness", "/actuator/prometheus", "/actuator/metrics")) {
                HttpResponse<String> answer = get(open + actuator);
                assertThat(answer.statusCode()).as("public port " + actuator).isEqualTo(404);
                assertThat(answer.body()).as("public port " + actuator).doesNotContain("jvm_", "\"status\":\"UP\"");
            }
            assertThat(get(open + "/v1/openapi.yaml").statusCode()).isEqualTo(200);
            assertThat(get(open + "/checkout-relay.js").statusCode()).isEqualTo(200);
        }
    }

    /** The chart renders intake.trustedProxies as INTAKE_TRUSTEDPROXIES; the intake must really read that name. */
    @Test
    void theTrustedProxiesTheChartSetsReachTheIntake(@TempDir Path workDir) throws Exception {
        Path jar = BootJar.builtJar(HelmChartTest.ROOT, "order-intake")
                .orElseThrow(() -> new AssertionError("order-intake is not built (./mvnw -B package)"));
        Path log = workDir.resolve("intake.log");
        ProcessBuilder intake = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-jar", jar.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
        intake.environment().putAll(Map.of("SERVER_PORT", Integer.toString(FreePort.pick()),
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + FreePort.pick(),
                "RELAY_TOKEN_KEYS", "k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "INTAKE_TRUSTEDPROXIES", "10.0.0.0/8,not-an-address"));
        Process process = intake.start();
        try {
            assertThat(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("the intake refuses to start").isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(java.nio.file.Files.readString(log))
                    .contains("intake.trusted-proxies: 'not-an-address' is not an IP address or CIDR range");
        } finally {
            process.destroyForcibly();
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
