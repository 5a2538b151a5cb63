package io.checkoutrelay.enricher.metrics;

import io.checkoutrelay.observability.consumer.ConsumerLag;
import io.checkoutrelay.observability.consumer.CheckoutsInWork;
import io.checkoutrelay.enricher.amazon.AmazonEndpoint;
import io.checkoutrelay.schemas.DeclineClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The enricher's meters. Tags are fixed vocabularies (endpoint name, outcome, class, reason, kind):
 * never a URL, a token or a checkout id.
 */
public class EnricherMetrics {

    public static final String AMAZON_CALLS = "enricher.amazon.calls";
    public static final String AMAZON_RETRIES = "enricher.amazon.retries";
    public static final String DECLINES = "enricher.declines";
    public static final String ENRICHED = "enricher.enriched";
    public static final String DEAD_LETTERS = "enricher.dead.letters";
    public static final String IN_FLIGHT = "enricher.in.flight";
    public static final String CONSUMER_LAG = "enricher.consumer.lag";
    public static final String OLDEST_IN_WORK = "enricher.oldest_in_work.age";

    private final MeterRegistry registry;
    private final CheckoutsInWork inWork = new CheckoutsInWork(Clock.systemUTC());

    public EnricherMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(OLDEST_IN_WORK, inWork, CheckoutsInWork::oldestAgeSeconds)
                .description("Seconds since capture of the oldest checkout in work (in flight or waiting to retry "
                        + "Amazon); 0 when none. The buyer's token dies 60 minutes after capture.")
                .baseUnit("seconds").register(registry);
    }

    /** The checkouts in work: their capture times feed the oldest-in-work gauge. */
    public CheckoutsInWork inWork() {
        return inWork;
    }

    /** The input consumer's lag per partition, {@code enricher_consumer_lag{topic,partition}}. */
    public ConsumerLag consumerLag() {
        return new ConsumerLag(registry, CONSUMER_LAG, Duration.ofSeconds(5));
    }

    /** One HTTP call to Amazon: count and latency by endpoint and outcome (ok, http_401, timeout, ...). */
    public void amazonCall(AmazonEndpoint endpoint, String outcome, Duration latency) {
        Timer.builder(AMAZON_CALLS).description("Calls to Login with Amazon")
                .tag("endpoint", endpoint.tag()).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(latency);
    }

    public void amazonRetry(AmazonEndpoint endpoint) {
        Counter.builder(AMAZON_RETRIES).description("Retried calls to Login with Amazon")
                .tag("endpoint", endpoint.tag()).register(registry).increment();
    }

    public void declined(DeclineClass declineClass, String reason) {
        Counter.builder(DECLINES).description("Checkouts declined by the enricher")
                .tag("class", declineClass.name()).tag("reason", reason).register(registry).increment();
    }

    public void enriched(String kind) {
        Counter.builder(ENRICHED).description("Checkouts enriched").tag("kind", kind).register(registry).increment();
    }

    public void deadLettered() {
        Counter.builder(DEAD_LETTERS).description("Input records sent to the dead-letter topic")
                .register(registry).increment();
    }

    public void inFlightGauge(IntSupplier inFlight) {
        Gauge.builder(IN_FLIGHT, inFlight, IntSupplier::getAsInt)
                .description("Input records dispatched and not yet finished").strongReference(true).register(registry);
    }
}
