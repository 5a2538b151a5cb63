package io.checkoutrelay.enricher.amazon;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One blocking call to Login with Amazon, classified: a value, {@link AmazonRejectedToken} (400/401/403)
 * or {@link AmazonUnavailable} (everything transient). Uses Apache HttpClient 5's classic client on the
 * caller's (the bulkhead's) thread, with pooled keep-alive connections; its loggers stay OFF
 * (application.yml). The request URI (which for tokeninfo holds the token, as Amazon requires) never
 * leaves this class: not in a log, an exception message or a metric tag.
 */
public class LoginWithAmazon {

    private static final int MAX_RAW = 500;

    private final CloseableHttpClient http;
    private final JsonMapper json;
    private final EnricherMetrics metrics;

    /** @param http from {@link #httpClient}: it holds the timeouts */
    public LoginWithAmazon(CloseableHttpClient http, JsonMapper json, EnricherMetrics metrics) {
        this.http = http;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * The HTTP client for Amazon: at most {@code connections} pooled keep-alive connections (one per caller
     * thread), no redirects, no retries of its own (resilience4j decides), no cookies.
     *
     * @param requestTimeout how long an answer may keep us waiting (a silent socket for that long is a timeout)
     */
    public static CloseableHttpClient httpClient(Duration connectTimeout, Duration requestTimeout, int connections) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .setConnectionRequestTimeout(Timeout.of(requestTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    public TokenInfo tokenInfo(String baseUrl, String token) {
        HttpGet request = new HttpGet(baseUrl + AmazonEndpoint.TOKENINFO.path() + "?access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        Map<String, Object> body = call(AmazonEndpoint.TOKENINFO, request, token);
        return new TokenInfo(text(body.get("aud")), text(body.get("user_id")), number(body.get("exp")));
    }

    public AmazonProfile profile(String baseUrl, String token) {
        HttpGet request = new HttpGet(baseUrl + AmazonEndpoint.PROFILE.path());
        request.setHeader("Authorization", "Bearer " + token);
        Map<String, Object> body = call(AmazonEndpoint.PROFILE, request, token);
        String userId = text(body.get("user_id"));
        if (userId == null) {
            throw new AmazonUnavailable(AmazonEndpoint.PROFILE, "bad_body", "profile without user_id");
        }
        return new AmazonProfile(userId, text(body.get("name")), text(body.get("email")), text(body.get("postal_code")));
    }

    private Map<String, Object> call(AmazonEndpoint endpoint, HttpGet request, String token) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            request.setHeader("Accept", "application/json");
            Answer response = send(endpoint, request);
            int status = response.status();
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

    private Answer send(AmazonEndpoint endpoint, HttpGet request) {
        try {
                        return http.execute(request, response -> new Answer(response.getCode(), response.getEntity() == null
                    ? "" : text(response.getEntity())));
        } catch (ConnectTimeoutException | ConnectException e) {
            throw new AmazonUnavailable(endpoint, "connection_error", null);
        } catch (SocketTimeoutException e) {
            throw new AmazonUnavailable(endpoint, Thread.currentThread().isInterrupted() ? "interrupted" : "timeout", null);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new AmazonUnavailable(endpoint, "interrupted", null);
            }
            throw new AmazonUnavailable(endpoint, "io_error", e.getClass().getSimpleName());
        }
    }

    /** An HTTP answer: its status and its body as text. */
    private record Answer(int status, String body) {
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

    /**
     * The body as text, in its declared charset (UTF-8 when none is declared, as EntityUtils.toString). Decoded
     * from its bytes at once: EntityUtils.toString sets up a reader with an 8 KiB buffer for every answer, the
     * largest allocation of a call (issue 14).
     */
    private static String text(HttpEntity entity) throws IOException {
        ContentType type = ContentType.parseLenient(entity.getContentType());
        Charset charset = type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        return new String(EntityUtils.toByteArray(entity), charset);
    }
}
