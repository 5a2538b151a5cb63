package io.checkoutrelay.bench.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox's control and read-back endpoints the bench uses: reset, live settings, stats. */
public final class SandboxClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    public SandboxClient(String url) {
        this.url = url;
    }

    public void reset() {
        send("POST", "/sandbox/reset", "");
    }

    public void settings(Map<String, Object> changes) {
        send("POST", "/sandbox/settings", JSON.writeValueAsString(changes));
    }

    /** Every CRM order, oldest first, as the sandbox's admin view shows it (GET /sandbox/orders). */
    public JsonNode orders() {
        return JSON.readTree(send("GET", "/sandbox/orders", null));
    }

    /** Since the last reset, per API ("crm", "amazon"): how many calls ended with each outcome ("HTTP_503", ...). */
    public java.util.Map<String, java.util.Map<String, Long>> outcomes() {
        JsonNode stats = JSON.readTree(send("GET", "/sandbox/stats", null));
        java.util.Map<String, java.util.Map<String, Long>> byApi = new java.util.LinkedHashMap<>();
        for (String api : java.util.List.of("crm", "amazon")) {
            java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();
            for (JsonNode perEndpoint : stats.path(api).path("calls")) {
                perEndpoint.properties().forEach(e -> outcomes.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            }
            byApi.put(api, outcomes);
        }
        return byApi;
    }

    public SandboxStats stats() {
        return SandboxStats.from(JSON.readTree(send("GET", "/sandbox/stats", null)));
    }

    private String send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("sandbox " + method + " " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("sandbox " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Counts since the last reset: calls per API, 429s from the CRM, the CRM's peak concurrency. */
    public record SandboxStats(long epochMillis, long crmCalls, long crmTooManyRequests, long amazonCalls,
                               int crmPeakConcurrency, long crmOrdersComplete) {

        static SandboxStats from(JsonNode stats) {
            JsonNode crm = stats.path("crm");
            return new SandboxStats(System.currentTimeMillis(), total(crm.path("calls"), null),
                    total(crm.path("calls"), "HTTP_429"), total(stats.path("amazon").path("calls"), null),
                    crm.path("peakConcurrency").asInt(), stats.path("ordersByStatus").path("COMPLETE").asLong());
        }

        /** Sum over endpoint → outcome → count, of one outcome or of all. */
        static long total(JsonNode byEndpoint, String outcome) {
            long sum = 0;
            for (JsonNode outcomes : byEndpoint) {
                if (outcome == null) {
                    for (JsonNode count : outcomes) {
                        sum += count.asLong();
                    }
                } else {
                    sum += outcomes.path(outcome).asLong();
                }
            }
            return sum;
        }
    }
}
