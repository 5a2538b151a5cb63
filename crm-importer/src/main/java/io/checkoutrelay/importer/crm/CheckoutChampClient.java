package io.checkoutrelay.importer.crm;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.checkoutrelay.importer.config.ImporterProperties;
import io.checkoutrelay.importer.metrics.ImporterMetrics;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;

/**
 * CheckoutChamp over HTTP: form-encoded POSTs with the credentials in the body (never in the URL),
 * at most {@code max-concurrent-calls} at once (a fixed pool of that many callers), each call
 * passing the rate limiter and the circuit breaker. Nothing here retries (the HTTP client's own retries
 * are off): the import flow decides, because a money-moving call with an unknown outcome must be settled
 * by Order Query first, and a call refused with 429 is sent again only after a new fenced SUBMITTING write.
 *
 * <p>The transport is Apache HttpClient 5's classic (blocking) client with a pool of as many keep-alive
 * connections as callers: each call runs start to end on its caller thread. The JDK HttpClient it
 * replaced handed every call to its selector and worker threads, about 0.7 core-ms per order more
 * (issue 14); blocking callers gain nothing from its asynchronous design.
 */
public class CheckoutChampClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckoutChampClient.class);

    private final ImporterProperties.CheckoutChamp settings;
    private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded",
            StandardCharsets.UTF_8);

    private final CloseableHttpClient http;
    private final String baseUrl;
    private final CrmResponseParser parser;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final ImporterMetrics metrics;
    private final ExecutorService callers;
    private final CheckoutTracing tracing;
    /** {@code loginId=…&password=…}, encoded once: the same in every call. */
    private final String credentials;

    public CheckoutChampClient(ImporterProperties.CheckoutChamp settings, CrmResponseParser parser,
            RateLimiter rateLimiter, CircuitBreaker circuitBreaker, ImporterMetrics metrics, CheckoutTracing tracing) {
        this.settings = settings;
        this.tracing = tracing;
        this.parser = parser;
        this.rateLimiter = rateLimiter;
        this.circuitBreaker = circuitBreaker;
        this.metrics = metrics;
        this.callers = Executors.newFixedThreadPool(settings.maxConcurrentCalls(), runnable -> {
            Thread thread = new Thread(runnable, "crm-call");
            thread.setDaemon(true);
            return thread;
        });
        this.baseUrl = stripSlash(settings.baseUrl());
        this.credentials = credentialsField(settings.loginId(), settings.password());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(settings.maxConcurrentCalls())
                        .setMaxConnPerRoute(settings.maxConcurrentCalls())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                                // a kept-alive connection idle this long is checked before use: a request sent
                                // into a connection the server closed would come back as an ambiguous failure
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /**
     * How long one call may take before this client gives up on it: after that, a call it gave up on
     * (or one a gateway answered with an error) may still be finishing inside the CRM.
     */
    public Duration requestTimeout() {
        return settings.requestTimeout();
    }

    /**
     * Sends one call. {@code callSecrets} are values of this call (the consent token) to redact from
     * whatever comes back; the password is always redacted.
     */
    public CompletableFuture<CrmResult> call(CrmEndpoint endpoint, Map<String, String> params,
            List<String> callSecrets) {
        return call(endpoint, params, callSecrets, () -> true);
    }

    /**
     * As above; {@code maySend} is asked again when a caller slot is free, just before sending: a call
     * that waited in the queue while its partition was given away is then not sent at all (the new
     * owner settles the checkout).
     */
    public CompletableFuture<CrmResult> call(CrmEndpoint endpoint, Map<String, String> params,
            List<String> callSecrets, java.util.function.BooleanSupplier maySend) {
        // a child span per call; the caller runs it in the checkout's trace and log context
        return tracing.inChildSpan("crm " + endpoint.tag(), () -> CompletableFuture.supplyAsync(
                () -> maySend.getAsBoolean()
                        ? guardedSend(endpoint, params, callSecrets)
                        : CrmResult.notSent("partition given away"),
                task -> callers.execute(tracing.bind(task))));
    }

    private CrmResult guardedSend(CrmEndpoint endpoint, Map<String, String> params, List<String> callSecrets) {
        if (!rateLimiter.acquirePermission()) {
            return record(endpoint, CrmResult.notSent("rate limited"), 0);
        }
        if (!circuitBreaker.tryAcquirePermission()) {
            return record(endpoint, CrmResult.notSent("circuit open"), 0);
        }
        List<String> secrets = new ArrayList<>(callSecrets);
        secrets.add(settings.password());
        long start = System.nanoTime();
        metrics.crmCallsInFlight().incrementAndGet();
        CrmResult result;
        try {
            result = http.execute(request(endpoint, params), response -> parser.parse(response.getCode(),
                    response.getFirstHeader("Retry-After") == null ? null : response.getFirstHeader("Retry-After").getValue(),
                    response.getEntity() == null ? ""
                            : text(response.getEntity()),
                    secrets));
        } catch (IOException e) { // a timeout, a refused or broken connection; an interrupted caller (shutdown)
            result = CrmResult.transportFailure(0, Thread.currentThread().isInterrupted() ? "interrupted"
                    : e.getClass().getSimpleName());
        } finally {
            metrics.crmCallsInFlight().decrementAndGet();
        }
        long took = System.nanoTime() - start;
        if (result.outcome() == CrmResult.Outcome.TRANSPORT_FAILURE) {
            circuitBreaker.onError(took, TimeUnit.NANOSECONDS, new IOException(result.rawMessage()));
        } else if (result.outcome() == CrmResult.Outcome.NOT_SENT) {
            // a 429 says "slow down", not "broken": the flow backs off; it does not open the circuit
            circuitBreaker.releasePermission();
        } else {
            circuitBreaker.onSuccess(took, TimeUnit.NANOSECONDS);
        }
        return record(endpoint, result, took);
    }

    private CrmResult record(CrmEndpoint endpoint, CrmResult result, long nanos) {
        metrics.crmCall(endpoint.tag(), result.outcome().name(), Duration.ofNanos(nanos));
        if (result.outcome() == CrmResult.Outcome.TRANSPORT_FAILURE || result.outcome() == CrmResult.Outcome.NOT_SENT) {
            log.info("CRM {} {}: {}", endpoint.path(), result.outcome(), result.rawMessage());
        }
        return result;
    }

    private HttpPost request(CrmEndpoint endpoint, Map<String, String> params) {
        HttpPost post = new HttpPost(baseUrl + endpoint.path());
        post.setHeader("Accept", "application/json");
        post.setEntity(new StringEntity(formBody(params), FORM));
        return post;
    }

    /** The body: credentials first (URL-encoded once, at start), then the call's parameters, every value URL-encoded. */
    String formBody(Map<String, String> params) {
        StringBuilder body = new StringBuilder(256).append(credentials);
        params.forEach((name, value) -> {
            if (value != null) {
                append(body, name, value);
            }
        });
        return body.toString();
    }

    private static String credentialsField(String loginId, String password) {
        StringBuilder body = new StringBuilder();
        if (loginId != null) {
            append(body, "loginId", loginId);
        }
        if (password != null) {
            append(body, "password", password);
        }
        return body.toString();
    }

    private static void append(StringBuilder body, String name, String value) {
        if (!body.isEmpty()) {
            body.append('&');
        }
        body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        callers.shutdownNow();
        try {
            http.close();
        } catch (IOException e) {
            log.debug("closing the CRM's HTTP client: {}", e.toString());
        }
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
