package io.checkoutrelay.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The sandbox's read-back and control endpoints: what Amazon and the CRM saw, and scripted faults. */
final class Sandbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    Sandbox(String url) {
        this.url = url;
    }

    /** CRM orders paid with this Amazon order reference (or billing agreement) id. */
    List<JsonNode> ordersPaidWith(String amazonOrderReferenceId) {
        List<JsonNode> orders = new ArrayList<>();
        for (JsonNode order : get("/sandbox/orders")) {
            if (amazonOrderReferenceId.equals(order.path("amazonOrderId").asText())) {
                orders.add(order);
            }
        }
        return orders;
    }

    JsonNode order(String orderId) {
        return get("/sandbox/orders/" + orderId);
    }

    /** Every CRM call received whose form parameters include {@code name=value}. */
    List<JsonNode> crmCallsWith(String name, String value) {
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode call : get("/sandbox/calls")) {
            if (call.path("api").asText().equalsIgnoreCase("crm") && value.equals(param(call, name))) {
                calls.add(call);
            }
        }
        return calls;
    }

    JsonNode calls() {
        return get("/sandbox/calls");
    }

    void settings(String json) {
        post("/sandbox/settings", json);
    }

    /** Adds a runtime rule (sandbox/README.md "Runtime rules"). */
    void rule(String json) {
        post("/sandbox/rules", json);
    }

    void deleteRules() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/sandbox/rules"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("DELETE /sandbox/rules answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String param(JsonNode call, String name) {
        JsonNode params = call.path("params");
        JsonNode value = params.has("values") ? params.path("values").path(name) : params.path(name);
        return value.isArray() ? value.path(0).asText(null) : value.asText(null);
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void post(String path, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("sandbox " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
