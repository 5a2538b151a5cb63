package io.checkoutrelay.enricher.amazon;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One blocking call to Login with Amazon, classified: a value, {@link AmazonRejectedToken} (400/401/403)
 * or {@link AmazonUnavailable} (everything transient). Uses the JDK HttpClient, which logs nothing
 * unless asked; the request URI (which for tokeninfo holds the token, as Amazon requires) never
 * leaves this class: not in a log, an exception message or a metric tag.
 */
public class LoginWithAmazon {

    private static final int MAX_RAW = 500;

    private final HttpClient http;
    private final Duration requestTimeout;
    private final JsonMapper json;
    private final EnricherMetrics metrics;

    public LoginWithAmazon(HttpClient http, Duration requestTimeout, JsonMapper json, EnricherMetrics metrics) {
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.json = json;
        this.metrics = metrics;
    }

    public TokenInfo tokenInfo(String baseUrl, String token) {
        URI uri = URI.create(baseUrl + AmazonEndpoint.TOKENINFO.path() + "?access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        Map<String, Object> body = call(AmazonEndpoint.TOKENINFO, HttpRequest.newBuilder(uri), token);
        return new TokenInfo(text(body.get("aud")), text(body.get("user_id")), number(body.get("exp")));
    }

    public AmazonProfile profile(String baseUrl, String token) {
        URI uri = URI.create(baseUrl + AmazonEndpoint.PROFILE.path());
        Map<String, Object> body = call(AmazonEndpoint.PROFILE,
                HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token), token);
        String userId = text(body.get("user_id"));
        if (userId == null) {
            throw new AmazonUnavailable(AmazonEndpoint.PROFILE, "bad_body", "profile without user_id");
        }
        return new AmazonProfile(userId, text(body.get("name")), text(body.get("email")), text(body.get("postal_code")));
    }

    private Map<String, Object> call(AmazonEndpoint endpoint, HttpRequest.Builder request, String token) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            HttpResponse<String> response = send(endpoint, request.GET().timeout(requestTimeout)
                    .header("Accept", "application/json").build());
            int status = response.statusCode();
            String raw = redact(response.body(), token);
            if (status == 400 || status == 401 || status == 403) {
                outcome = "http_" + status;
                throw new AmazonRejectedToken(endpoint, status, raw);
            }
            if (status != 200) {
                outcome = status == 429 ? "http_429" : status >= 500 ? "http_5xx" : "http_" + status;
                throw new AmazonUnavailable(endpoint, outcome, raw);
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = json.readValue(response.body(), Map.class);
                if (body == null) {
                    throw new ClassCastException("empty body");
                }
                return body;
            } catch (JacksonException | ClassCastException e) {
                outcome = "bad_body";
                throw new AmazonUnavailable(endpoint, outcome, raw);
            }
        } catch (AmazonUnavailable e) {
            outcome = e.outcome();
            throw e;
        } finally {
            metrics.amazonCall(endpoint, outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private HttpResponse<String> send(AmazonEndpoint endpoint, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new AmazonUnavailable(endpoint, "connection_error", null);
        } catch (HttpTimeoutException e) {
            throw new AmazonUnavailable(endpoint, "timeout", null);
        } catch (IOException e) {
            throw new AmazonUnavailable(endpoint, "io_error", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmazonUnavailable(endpoint, "interrupted", null);
        }
    }

    /** Amazon's body as kept in a decline: the token cut out, at most {@value #MAX_RAW} characters. */
    static String redact(String body, String token) {
        if (body == null) {
            return null;
        }
        String clean = token == null || token.isEmpty() ? body : body.replace(token, "[token]");
        return clean.length() > MAX_RAW ? clean.substring(0, MAX_RAW) : clean;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
