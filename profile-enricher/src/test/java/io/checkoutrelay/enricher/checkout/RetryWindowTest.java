package io.checkoutrelay.enricher.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.enricher.amazon.AmazonEndpoint;
import io.checkoutrelay.enricher.amazon.AmazonHosts;
import io.checkoutrelay.enricher.amazon.AmazonProfile;
import io.checkoutrelay.enricher.amazon.AmazonUnavailable;
import io.checkoutrelay.enricher.amazon.LoginWithAmazon;
import io.checkoutrelay.enricher.amazon.ResilientAmazon;
import io.checkoutrelay.enricher.amazon.TokenInfo;
import io.checkoutrelay.enricher.config.EnricherProperties;
import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.enricher.support.TestCheckouts;
import io.checkoutrelay.observability.trace.CheckoutTracing;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The enricher's retry budget as shipped (application.yml's resilience4j retry and relay.enricher settings)
 * against an Amazon that keeps failing, on a fake clock: the scheduler runs each retry at once and moves the
 * clock by its backoff, so minutes pass in milliseconds. README and ARCHITECTURE.md: transient failures are
 * retried with backoff for the retry window (10 minutes), never past the token's life.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryWindowTest {

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(45); // 30 s cap, +50 % jitter at most

    private ConfigurableApplicationContext shipped;
    private EnricherProperties properties;
    private final FakeTime time = new FakeTime(Instant.parse("2026-11-29T10:00:00Z"));
    private final TimeTravellingScheduler scheduler = new TimeTravellingScheduler(time);
    private final ThreadPoolBulkhead bulkhead = ThreadPoolBulkhead.ofDefaults("amazon");
    private final FailingAmazon amazon = new FailingAmazon(time);
    private CheckoutEnricher enricher;

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(RetryAutoConfiguration.class)
    @EnableConfigurationProperties(EnricherProperties.class)
    static class ShippedSettings {
    }

    @BeforeAll
    void loadShippedSettings() {
        shipped = new SpringApplicationBuilder(ShippedSettings.class).web(WebApplicationType.NONE)
                .run("--spring.main.banner-mode=off");
        properties = shipped.getBean(EnricherProperties.class);
        ResilientAmazon resilient = new ResilientAmazon(amazon, shipped.getBean(RetryRegistry.class).retry("amazon"),
                CircuitBreaker.ofDefaults("amazon"), bulkhead, scheduler, time, new EnricherMetrics(new SimpleMeterRegistry()),
                CheckoutTracing.noop());
        enricher = new CheckoutEnricher(new TokenCipher(TokenKeyRing.parse(TestCheckouts.TOKEN_KEYS)), resilient,
                new AmazonHosts("http://amazon.test", Map.of()), TestCheckouts.CLIENT_ID, properties.tokenLifetime(),
                properties.retryWindow(), time);
    }

    @AfterAll
    void close() throws Exception {
        scheduler.shutdownNow();
        bulkhead.close();
        shipped.close();
    }

    @AfterEach
    void reset() {
        amazon.calls.set(0);
    }

    @Test
    void theShippedWindowIsTheDocumentedTenMinutes() {
        assertThat(properties.retryWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.tokenLifetime()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void anAmazonOutageIsRetriedForTheWholeWindowBeforeTheCheckoutIsDeclined() throws Exception {
        amazon.downUntil(Instant.MAX);
        Instant start = time.instant();

        Outcome outcome = enricher.enrich(TestCheckouts.order(TestCheckouts.token("down"), TestCheckouts.BILLER, start),
                () -> { }).get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Declined.class, declined -> {
            assertThat(declined.declineClass()).isEqualTo(DeclineClass.UNAVAILABLE);
            assertThat(declined.reason()).isEqualTo("retry_budget_exhausted");
        });
        Duration retried = Duration.between(start, amazon.lastCall.get());
        assertThat(retried).as("the last call to Amazon came within the last wait before the window ended")
                .isLessThanOrEqualTo(properties.retryWindow())
                .isGreaterThan(properties.retryWindow().minus(LONGEST_WAIT));
        assertThat(amazon.calls.get()).isGreaterThan(20);
    }

    @Test
    void aCheckoutRecoversWhenAmazonComesBackWithinTheWindow() throws Exception {
        Instant start = time.instant();
        amazon.downUntil(start.plus(Duration.ofMinutes(7)));

        Outcome outcome = enricher.enrich(TestCheckouts.order(TestCheckouts.token("back"), TestCheckouts.BILLER, start),
                () -> { }).get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(Outcome.Enriched.class);
        assertThat(Duration.between(start, time.instant())).isGreaterThan(Duration.ofMinutes(7));
    }

    @Test
    void theTokensEndOfLifeEndsTheWindowEarlier() throws Exception {
        amazon.downUntil(Instant.MAX);
        Instant start = time.instant();
        Instant capturedAt = start.minus(Duration.ofMinutes(57)); // the token dies 3 minutes from now

        Outcome outcome = enricher.enrich(TestCheckouts.order(TestCheckouts.token("old"), TestCheckouts.BILLER,
                capturedAt), () -> { }).get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(Outcome.Declined.class);
        Duration retried = Duration.between(start, amazon.lastCall.get());
        assertThat(retried).isLessThan(Duration.ofMinutes(3)).isGreaterThan(Duration.ofMinutes(3).minus(LONGEST_WAIT));
    }

    /** A clock the test moves. */
    static final class FakeTime extends Clock {
        private final AtomicReference<Instant> now;

        FakeTime(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(instant -> instant.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Runs a scheduled retry at once and moves the clock by its delay: the backoff passes without waiting. */
    static final class TimeTravellingScheduler extends ScheduledThreadPoolExecutor {
        private final FakeTime time;

        TimeTravellingScheduler(FakeTime time) {
            super(1);
            this.time = time;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            time.advance(Duration.ofNanos(unit.toNanos(delay)));
            return super.schedule(command, 0, unit);
        }
    }

    /** Login with Amazon answering 503 until a given time on the fake clock, then a valid token and profile. */
    static final class FailingAmazon extends LoginWithAmazon {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<Instant> lastCall = new AtomicReference<>();
        private final FakeTime time;
        private volatile Instant downUntil = Instant.MAX;

        FailingAmazon(FakeTime time) {
            super(LoginWithAmazon.httpClient(Duration.ofSeconds(1), Duration.ofSeconds(1), 1), JsonMapper.builder().build(),
                    new EnricherMetrics(new SimpleMeterRegistry()));
            this.time = time;
        }

        void downUntil(Instant instant) {
            downUntil = instant;
        }

        @Override
        public TokenInfo tokenInfo(String baseUrl, String token) {
            answer(AmazonEndpoint.TOKENINFO);
            return new TokenInfo(TestCheckouts.CLIENT_ID, "amzn1.account.TEST", 3000L);
        }

        @Override
        public AmazonProfile profile(String baseUrl, String token) {
            answer(AmazonEndpoint.PROFILE);
            return new AmazonProfile("amzn1.account.TEST", "Jane Doe", "jane@example.com", "98101");
        }

        private void answer(AmazonEndpoint endpoint) {
            calls.incrementAndGet();
            lastCall.set(time.instant());
            if (time.instant().isBefore(downUntil)) {
                throw new AmazonUnavailable(endpoint, "http_5xx", "503 Service Unavailable");
            }
        }
    }
}
