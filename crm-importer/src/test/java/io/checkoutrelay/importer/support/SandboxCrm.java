package io.checkoutrelay.importer.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.FreePort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox jar as a child process, with its admin API (/sandbox/...) for scripting and read-back. */
public final class SandboxCrm implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final BootJar jar;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxCrm(BootJar jar) {
        this.jar = jar;
    }

    static SandboxCrm start() {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path jarPath = BootJar.builtJar(root, "sandbox").orElseThrow(() -> new IllegalStateException(
                "build the sandbox first: ./mvnw -pl crm-importer -am verify builds it"));
        try {
            Path work = Files.createTempDirectory("crm-importer-sandbox-");
            return new SandboxCrm(BootJar.start("sandbox", jarPath, FreePort.pick(), Map.of(), work));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String url() {
        return jar.url();
    }

    public void reset() {
        post("/sandbox/reset", "{}");
        delete("/sandbox/rules");
    }

    /** Removes every runtime rule (those of other tests included). */
    public void deleteRules() {
        delete("/sandbox/rules");
    }

    public void settings(String json) {
        post("/sandbox/settings", json);
    }

    public void rule(String json) {
        post("/sandbox/rules", json);
    }

    /** Calls of one endpoint (e.g. {@code order/import}) whose parameter {@code name} equals {@code value}. */
    public List<JsonNode> calls(String endpoint, String name, String value) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode call : get("/sandbox/calls?endpoint=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8))) {
            if (value.equals(call.path("params").path(name).asString(null))) {
                matching.add(call);
            }
        }
        return matching;
    }

    /** CRM orders (admin view) paid with that Amazon order reference. */
    public List<JsonNode> ordersPaidWith(String amazonOrderId) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode order : get("/sandbox/orders")) {
            if (amazonOrderId.equals(order.path("amazonOrderId").asString(null))) {
                matching.add(order);
            }
        }
        return matching;
    }

    /** Mean time the sandbox took to answer the recorded calls of one endpoint. */
    public double meanDurationMillis(String endpoint) {
        long total = 0;
        int count = 0;
        for (JsonNode call : get("/sandbox/calls?endpoint=" + URLEncoder.encode(endpoint, StandardCharsets.UTF_8))) {
            if (call.hasNonNull("durationMillis")) {
                total += call.path("durationMillis").asLong();
                count++;
            }
        }
        return count == 0 ? 0 : (double) total / count;
    }

    public JsonNode order(String orderId) {
        return get("/sandbox/orders/" + orderId);
    }

    public JsonNode stats() {
        return get("/sandbox/stats");
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build());
    }

    private void post(String path, String body) {
        send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private void delete(String path) {
        send(HttpRequest.newBuilder(URI.create(url() + path)).DELETE().build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        jar.close();
    }
}
