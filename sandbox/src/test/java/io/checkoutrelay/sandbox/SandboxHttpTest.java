package io.checkoutrelay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests: the sandbox on a random port, spoken to over real HTTP as a service would.
 * Every test class uses the same properties so that one application context serves them all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sandbox.crm.password=" + SandboxHttpTest.PASSWORD,
        "sandbox.crm.timeout-delay=1500ms",
        "sandbox.amazon.slow-delay=1200ms",
        "logging.level.root=WARN"})
public abstract class SandboxHttpTest {

    protected static final String LOGIN_ID = "relay-local";
    /** Not the default: form-encoding special characters prove the body is decoded correctly. */
    protected static final String PASSWORD = "p&ss=w0rd+%20";
    protected static final String CONSENT_TOKEN = "Atza|IwEBIconsent-token-for-tests";

    protected final JsonMapper json = JsonMapper.builder().build();
    protected final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    protected int port;

    @BeforeEach
    void resetSandbox() throws Exception {
        awaitNoCallsInFlight();
        assertThat(post("/sandbox/reset", "").statusCode()).isEqualTo(200);
    }

    // ---- HTTP helpers ----

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    protected HttpResponse<String> get(String path, String headerName, String headerValue)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header(headerName, headerValue).GET().build());
    }

    protected HttpResponse<String> post(String path, String jsonBody) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    protected HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    protected HttpResponse<String> postForm(String path, Map<String, String> params)
            throws IOException, InterruptedException {
        return send(formRequest(path, params, null));
    }

    protected HttpRequest formRequest(String path, Map<String, String> params, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(params)));
        if (timeout != null) {
            builder.timeout(timeout);
        }
        return builder.build();
    }

    protected HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    protected JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    protected static String formEncode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    protected static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- CRM helpers ----

    /** Calls a CRM endpoint with the right credentials and answers the parsed envelope. */
    protected JsonNode crm(String endpoint, Map<String, String> params) throws IOException, InterruptedException {
        HttpResponse<String> response = postForm("/" + endpoint + "/", withLogin(params));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return body(response);
    }

    protected static Map<String, String> withLogin(Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("loginId", LOGIN_ID);
        all.put("password", PASSWORD);
        all.putAll(params);
        return all;
    }

    protected static Map<String, String> leadParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("campaignId", "12");
        params.put("firstName", "Jane");
        params.put("lastName", "Doe");
        params.put("emailAddress", "jane@example.com");
        return params;
    }

    /** Import Lead; answers the new PARTIAL order's id. */
    protected String importLead() throws IOException, InterruptedException {
        JsonNode lead = crm("leads/import", leadParams());
        assertThat(lead.get("result").asString()).isEqualTo("SUCCESS");
        return lead.get("message").get("orderId").asString();
    }

    /** Import Order parameters for the given order (null: a new order) and product ids (qty 1, price 10.00). */
    protected static Map<String, String> orderParams(String orderId, long... productIds) {
        Map<String, String> params = leadParams();
        if (orderId != null) {
            params.put("orderId", orderId);
        }
        params.put("paySource", "AMAZON");
        params.put("amazonBillerId", "7");
        params.put("amazonOrderId", "S01-1234567-1234567");
        params.put("amazonAddressConsent", CONSENT_TOKEN);
        for (int i = 0; i < productIds.length; i++) {
            params.put("product" + (i + 1) + "_id", String.valueOf(productIds[i]));
            params.put("product" + (i + 1) + "_qty", "1");
            params.put("product" + (i + 1) + "_price", "10.00");
        }
        return params;
    }

    protected static Map<String, String> upsaleParams(String orderId, long productId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("orderId", orderId);
        params.put("productId", String.valueOf(productId));
        params.put("productQty", "1");
        params.put("productPrice", "9.95");
        params.put("amazonBillerId", "7");
        params.put("amazonOrderId", "S01-1234567-1234567");
        params.put("amazonAddressConsent", CONSENT_TOKEN);
        return params;
    }

    /** The sandbox's admin view of an order. */
    protected JsonNode adminOrder(String orderId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/sandbox/orders/" + orderId);
        assertThat(response.statusCode()).isEqualTo(200);
        return body(response);
    }

    protected JsonNode queryOrder(String orderId) throws IOException, InterruptedException {
        return crm("order/query", Map.of("orderId", orderId));
    }

    /** Calls from earlier tests (a delayed answer) must not count towards this test's concurrency. */
    protected void awaitNoCallsInFlight() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode stats = body(get("/sandbox/stats"));
            if (stats.get("crm").get("currentConcurrency").asInt() == 0
                    && stats.get("amazon").get("currentConcurrency").asInt() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("calls still in flight after 10 s");
    }
}
