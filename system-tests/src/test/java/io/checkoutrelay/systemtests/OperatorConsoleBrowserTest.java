package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.browser.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator console ({@code replay console}, its own JVM, as an operator runs it) in headless
 * Chromium against the running system: a checkout's status timeline, a decline counted by class and
 * reason, the lag panel of both consumers, and the replay dry run listing a checkout declined
 * UNAVAILABLE during a CRM outage (and neither the imported nor the TERMINAL one). Leaves a screenshot in
 * target/operator-console.png (the README's picture is a copy of it).
 */
@ExtendWith(SystemExtension.class)
class OperatorConsoleBrowserTest {

    private static final Duration FINAL_WITHIN = Duration.ofSeconds(90);
    private static final Duration PAGE = Duration.ofSeconds(60);
    private static final Map<String, String> SHORT_RETRY_BUDGET = Map.of(
            "CRMIMPORTER_RETRY_MAXRETRIES", "2",
            "CRMIMPORTER_RETRY_INITIALBACKOFF", "100ms",
            "CRMIMPORTER_RETRY_SETTLEDELAY", "1s",
            "CRMIMPORTER_CHECKOUTCHAMP_REQUESTTIMEOUT", "3s");

    @Test
    void theConsoleShowsATimelineADeclineByClassAndTheLagOfEachConsumer(RunningSystem system) throws Exception {
        Lander lander = new Lander(system.intakeUrl());
        String imported = newOrderReference();
        String rejected = newOrderReference();
        assertThat(lander.postCheckout(order(imported, token(""), 101)).status()).isEqualTo(202);
        // product 9002: Amazon rejects the payment (TERMINAL AmazonRejected)
        assertThat(lander.postCheckout(order(rejected, token(""), 9002)).status()).isEqualTo(202);
        String crmOrderId = lander.awaitFinal(checkoutId(imported), FINAL_WITHIN).path("crmOrderId").asText();
        assertThat(lander.awaitFinal(checkoutId(rejected), FINAL_WITHIN).path("decline").path("class").asText())
                .isEqualTo("TERMINAL");
        String unavailable = declinedDuringACrmOutage(system, lander);

        int port = FreePort.pick();
        Process console = startConsole(system, port);
        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.tempProfile())) {
            String url = "http://127.0.0.1:" + port + "/";
            awaitAnswer(url, console);
            browser.navigate(url);
            String timeline = "checkout-" + checkoutId(imported);
            HeadlessChromium.await("the imported checkout's timeline", PAGE, () -> !text(browser, timeline).isEmpty());

            List<String> statuses = List.of(browser.eval("Array.from(document.querySelectorAll('#" + timeline
                    + " tr td:nth-child(4)')).filter(function(td){return td.parentNode.cells[1].textContent==='order';})"
                    + ".map(function(td){return td.textContent;}).join(',')").split(","));
            assertThat(statuses).as("the order's timeline").startsWith("ACCEPTED").endsWith("IMPORTED")
                    .contains("ENRICHED", "IMPORTING");
            assertThat(text(browser, timeline)).contains("CRM order " + crmOrderId);
            assertThat(text(browser, "checkout-" + checkoutId(rejected))).contains("TERMINAL AmazonRejected");
            assertThat(Integer.parseInt(browser.eval(
                    "document.querySelector('#decline-TERMINAL-AmazonRejected .total').textContent")))
                    .as("TERMINAL AmazonRejected declines in the window").isGreaterThanOrEqualTo(1);
            for (String service : List.of("profile-enricher", "crm-importer")) {
                String lag = browser.eval("(function(){var c=document.querySelector('#lag-" + service
                        + " .lag');return c?c.textContent:'';})()");
                assertThat(lag).as(service + " lag: " + text(browser, "lag-table")).matches("[0-9]+");
            }
            assertThat(text(browser, "replay-dry-run")).contains("summary:").contains("(dry run: nothing written)")
                    .containsPattern("would replay +checkout " + checkoutId(unavailable) + ": UNAVAILABLE");
            assertThat(text(browser, "replay-dry-run")).doesNotContain(checkoutId(rejected))
                    .doesNotContain(checkoutId(imported));

            Path screenshot = Path.of("target", "operator-console.png");
            browser.screenshot(screenshot);
            assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        } finally {
            console.destroy();
            if (!console.waitFor(10, TimeUnit.SECONDS)) {
                console.destroyForcibly();
            }
        }
    }

    /**
     * A checkout declined UNAVAILABLE: the CRM down while the importer runs with a short retry budget
     * (as ReplayTest does); the importer is back to its usual settings afterwards.
     */
    private static String declinedDuringACrmOutage(RunningSystem system, Lander lander) {
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        system.stop("crm-importer", Duration.ofSeconds(90));
        system.startService("crm-importer", SHORT_RETRY_BUDGET);
        crm.settings("{\"crm.outage\": true}");
        try {
            assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
            assertThat(lander.awaitFinal(checkoutId(reference), FINAL_WITHIN).path("decline").path("class").asText())
                    .isEqualTo("UNAVAILABLE");
        } finally {
            crm.settings("{\"crm.outage\": false}");
            system.stop("crm-importer", Duration.ofSeconds(90));
            system.startService("crm-importer");
        }
        return reference;
    }

    private static Process startConsole(RunningSystem system, int port) throws IOException {
        Path output = Files.createTempFile(system.workDir(), "console-", ".out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", system.builtJar("replay").toAbsolutePath().toString(), "console",
                "--port", Integer.toString(port), "--window", "30m",
                "--metrics", "profile-enricher=" + system.serviceUrl("profile-enricher") + "/actuator/prometheus",
                "--metrics", "crm-importer=" + system.serviceUrl("crm-importer") + "/actuator/prometheus")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", system.bootstrapServers());
        builder.environment().put("SCHEMA_REGISTRY_URL", system.registryUrl());
        return builder.start();
    }

    private static void awaitAnswer(String url, Process console) {
        HttpClient http = HttpClient.newHttpClient();
        HeadlessChromium.await("the console on " + url, PAGE, () -> {
            if (!console.isAlive()) {
                throw new AssertionError("the console exited with " + console.exitValue());
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static String text(HeadlessChromium browser, String id) {
        return browser.eval("(function(){var e=document.getElementById('" + id + "');return e ? e.textContent : '';})()");
    }
}
