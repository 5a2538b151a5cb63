package io.checkoutrelay.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkoutrelay.localstack.junit.MarkdownSnippets;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The curl examples of docs/curl-examples.md, read from that page and run with bash and curl against
 * the running system in the order a reader runs them: a checkout, its status by long poll, the same
 * checkout again, an upsell, its status, a bad request, an unknown checkout, the lander script, the
 * OpenAPI document and health. Each answer is checked for what the page says it shows.
 */
@ExtendWith(SystemExtension.class)
class CurlExamplesTest {

    private static final Path PAGE = Path.of("../docs/curl-examples.md");
    private static final Set<String> EXAMPLES = Set.of("variables", "post-checkout", "status-long-poll", "post-upsell",
            "bad-request", "unknown-checkout", "lander-script", "openapi", "health");
    private static final String LOCAL_INTAKE = "INTAKE=http://127.0.0.1:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyExampleRunsAgainstTheRunningSystemAndAnswersAsThePageShows(RunningSystem system) throws Exception {
        MarkdownSnippets page = MarkdownSnippets.of(PAGE);
        assertThat(page.names()).containsExactlyInAnyOrderElementsOf(EXAMPLES);
        String variables = page.get("variables");
        assertThat(variables).contains(LOCAL_INTAKE + "\n");
        String checkoutId = CheckoutIds.checkoutId("S01-1234567-7654321");
        assertThat(variables).as("CHECKOUT_ID is the checkoutId of the example's order reference")
                .contains("CHECKOUT_ID=" + checkoutId + " ");
        Shell shell = new Shell(variables.replace(LOCAL_INTAKE, "INTAKE=" + system.intakeUrl()));

        Answer accepted = Answer.of(shell.run("post-checkout", page));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.header("location")).isEqualTo("/v1/checkouts/" + checkoutId);
        assertThat(accepted.json().path("checkoutId").asText()).isEqualTo(checkoutId);
        assertThat(accepted.json().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("attempt").asInt()).isEqualTo(1);

        Answer imported = Answer.of(shell.run("status-long-poll", page));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        assertThat(imported.header("cache-control")).isEqualTo("no-store");
        assertThat(imported.json().path("status").asText()).as(imported.text()).isEqualTo("IMPORTED");
        String crmOrderId = imported.json().path("crmOrderId").asText();
        JsonNode crmOrder = new Sandbox(system.sandboxUrl()).order(crmOrderId);
        assertThat(crmOrder.path("amazonOrderId").asText()).isEqualTo("S01-1234567-7654321");

        Answer again = Answer.of(shell.run("post-checkout", page));
        assertThat(again.status()).as("the same checkout sent again: " + again.text()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("IMPORTED");
        assertThat(again.json().path("crmOrderId").asText()).isEqualTo(crmOrderId);

        Answer upsell = Answer.of(shell.run("post-upsell", page));
        assertThat(upsell.status()).as(upsell.text()).isEqualTo(202);
        String upsellId = upsell.json().path("upsellId").asText();
        assertThat(upsellId).isNotEmpty();
        Answer withUpsell = Answer.of(shell.run("status-long-poll", page));
        JsonNode upsells = withUpsell.json().path("upsells");
        assertThat(upsells).as(withUpsell.text()).hasSize(1);
        assertThat(upsells.path(0).path("upsellId").asText()).isEqualTo(upsellId);
        assertThat(upsells.path(0).path("productId").asLong()).isEqualTo(205);
        assertThat(upsells.path(0).path("status").asText()).as(withUpsell.text()).isEqualTo("IMPORTED");

        Answer bad = Answer.of(shell.run("bad-request", page));
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.header("content-type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).contains("campaignId", "products", "amazon.accessToken");
        assertThat(bad.body()).doesNotContain("not-a-token");

        Answer unknown = Answer.of(shell.run("unknown-checkout", page));
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).isEqualTo("no checkout with this id");

        assertThat(shell.run("lander-script", page))
                .startsWith("/*\n * checkout-relay.js: the lander side of checkout-relay.");
        assertThat(shell.run("openapi", page)).startsWith("openapi: 3.0.3\ninfo:\n  title: checkout-relay order-intake\n");
        JsonNode health = JSON.readTree(shell.run("health", page));
        assertThat(health.path("status").asText()).isEqualTo("UP");
    }

    /** bash with the page's variables set, running one example at a time in an empty directory. */
    private record Shell(String variables) {

        String run(String example, MarkdownSnippets page) throws IOException, InterruptedException {
            Path script = Files.createTempFile("curl-example-", ".sh");
            Files.writeString(script, "set -e\n" + variables + "\n" + page.get(example), StandardCharsets.UTF_8);
            Process bash = new ProcessBuilder("bash", script.toString())
                    .directory(Files.createTempDirectory("curl-example-").toFile()).start();
            byte[] out = bash.getInputStream().readAllBytes();
            String err = new String(bash.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as(example + " finished").isTrue();
            String output = new String(out, StandardCharsets.UTF_8);
            System.out.println("== " + example + "\n" + output + (err.isEmpty() ? "" : "\n[stderr] " + err));
            assertThat(bash.exitValue()).as(example + " exit code; stderr: " + err).isZero();
            return output;
        }
    }

    /** What {@code curl -i} printed: status line, headers, body. */
    private record Answer(int status, Map<String, String> headers, String body, String text) {

        static Answer of(String text) {
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/") || end < 0) {
                throw new AssertionError("not the output of curl -i:\n" + text);
            }
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4), text);
        }

        String header(String name) {
            return headers.get(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
