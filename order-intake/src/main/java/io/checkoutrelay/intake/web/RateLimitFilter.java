package io.checkoutrelay.intake.web;

import io.checkoutrelay.intake.config.IntakeProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-client rate limit on the /v1 API (client = the address {@link ClientAddressResolver} finds):
 * 429 with Retry-After and a problem body once a client's bucket is empty. Runs before the body is read.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    private final IntakeProperties.RateLimit settings;
    private final ClientAddressResolver clients;
    private final JsonMapper json;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Counter limited;

    public RateLimitFilter(IntakeProperties properties, ClientAddressResolver clients, JsonMapper json,
                           MeterRegistry meters) {
        this.settings = properties.rateLimit();
        this.clients = clients;
        this.json = json;
        this.limited = Counter.builder("intake.rate.limited").description("requests refused with 429").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled() || !request.getRequestURI().startsWith("/v1/")
                || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = System.nanoTime();
        if (buckets.size() >= settings.maxClients()) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
            if (buckets.size() >= settings.maxClients()) {
                buckets.clear(); // flooded by distinct addresses: memory stays bounded, budgets start over
            }
        }
        TokenBucket bucket = buckets.computeIfAbsent(clients.resolve(request),
                k -> new TokenBucket(settings.requestsPerSecond(), settings.burst(), now));
        long waitNanos = bucket.take(now);
        if (waitNanos == 0) {
            chain.doFilter(request, response);
            return;
        }
        limited.increment();
        long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        ProblemDetail problem = Problem.body(HttpStatus.TOO_MANY_REQUESTS,
                "too many requests from this client; retry after " + retryAfter + " s", request.getRequestURI(),
                java.util.List.of());
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
