package io.checkoutrelay.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** What a lander does over HTTP: post checkouts and upsells, long-poll their status. */
final class Lander {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("IMPORTED", "DECLINED");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String intakeUrl;

    Lander(String intakeUrl) {
        this.intakeUrl = intakeUrl;
    }

    Reply postCheckout(String body) {
        return post("/v1/checkouts", body);
    }

    Reply postUpsell(String checkoutId, String body) {
        return post("/v1/checkouts/" + checkoutId + "/upsells", body);
    }

    /** An upsell as checkout-relay.js posts it: with the Idempotency-Key of the offer shown. */
    Reply postUpsell(String checkoutId, String body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(intakeUrl + "/v1/checkouts/" + checkoutId + "/upsells"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonNode status(String checkoutId, int waitSeconds) {
        Reply reply = send(HttpRequest.newBuilder(URI.create(intakeUrl + "/v1/checkouts/" + checkoutId
                + "?waitSeconds=" + waitSeconds)).timeout(Duration.ofSeconds(waitSeconds + 10)).GET().build());
        if (reply.status() != 200) {
            throw new AssertionError("GET status of " + checkoutId + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** Long-polls until the order is IMPORTED or DECLINED (and every upsell too), or fails after {@code limit}. */
    JsonNode awaitFinal(String checkoutId, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = status(checkoutId, 10);
            if (isFinal(last)) {
                return last;
            }
        }
        throw new AssertionError("checkout " + checkoutId + " not final within " + limit + "; last status: " + last);
    }

    private static boolean isFinal(JsonNode status) {
        if (!FINAL.contains(status.path("status").asText())) {
            return false;
        }
        for (JsonNode upsell : status.path("upsells")) {
            if (!FINAL.contains(upsell.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    private Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(intakeUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }
}
