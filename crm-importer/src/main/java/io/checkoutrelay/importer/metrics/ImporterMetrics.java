package io.checkoutrelay.importer.metrics;

import io.checkoutrelay.observability.consumer.ConsumerLag;
import io.checkoutrelay.observability.consumer.CheckoutsInWork;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The importer's metrics: imports, declines by class and reason, retries, reconciliations (Order
 * Query after an unknown outcome), CRM latency by endpoint and outcome, CRM calls and records in
 * flight, the input's lag and the age of the oldest checkout not yet settled. Tags never carry a
 * token, credential or checkout id.
 */
@Component
public class ImporterMetrics {

    private static final Duration LAG_REFRESH = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final AtomicInteger crmCallsInFlight = new AtomicInteger();
    private final CheckoutsInWork held = new CheckoutsInWork(Clock.systemUTC());

    public ImporterMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("crm_importer.crm.calls.in_flight", crmCallsInFlight);
        Gauge.builder("crm_importer.oldest_unimported.age", held, CheckoutsInWork::oldestAgeSeconds)
                .description("Seconds since capture of the oldest checkout held but not settled (in flight or "
                        + "retrying); 0 when none. The buyer's token dies 60 minutes after capture.")
                .baseUnit("seconds").register(registry);
    }

    /** The checkouts held and not settled: their capture times feed the oldest-unimported gauge. */
    public CheckoutsInWork inWork() {
        return held;
    }

    /** The input consumer's lag per partition, {@code crm_importer_consumer_lag{topic,partition}}. */
    public ConsumerLag consumerLag() {
        return new ConsumerLag(registry, "crm_importer.consumer.lag", LAG_REFRESH);
    }

    public void imported(String kind, boolean settledByQuery) {
        Counter.builder("crm_importer.imports").tag("kind", kind).tag("settled_by_query", Boolean.toString(settledByQuery))
                .register(registry).increment();
    }

    public void declined(String kind, String declineClass, String reason) {
        Counter.builder("crm_importer.declines").tag("kind", kind).tag("class", declineClass).tag("reason", reason)
                .register(registry).increment();
    }

    public void retried(String step) {
        Counter.builder("crm_importer.retries").tag("step", step).register(registry).increment();
    }

    public void reconciled(String kind, String result) {
        Counter.builder("crm_importer.reconciliations").tag("kind", kind).tag("result", result)
                .register(registry).increment();
    }

    public void skippedDuplicate(String kind) {
        Counter.builder("crm_importer.duplicates_skipped").tag("kind", kind).register(registry).increment();
    }

    public void crmCall(String endpoint, String outcome, Duration took) {
        Timer.builder("crm_importer.crm.latency").tag("endpoint", endpoint).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(took);
    }

    public AtomicInteger crmCallsInFlight() {
        return crmCallsInFlight;
    }

    /** {@code crm_importer_records_in_flight}: input records in work (the keyed consumer's count). */
    public void recordsInFlight(IntSupplier inFlight) {
        Gauge.builder("crm_importer.records.in_flight", inFlight, IntSupplier::getAsInt)
                .description("Input records in work").strongReference(true).register(registry);
    }

    /** {@code crm_importer_ledger_entries}: ledger entries held in memory (bounded by the ledger's horizon and max-entries). */
    public void ledgerEntries(IntSupplier entries) {
        Gauge.builder("crm_importer.ledger.entries", entries, IntSupplier::getAsInt)
                .description("Ledger entries held in memory for the owned partitions: those changed within the "
                        + "ledger topic's retention").strongReference(true).register(registry);
    }
}
