package io.checkoutrelay.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.settings.ExpectedSetting;

/**
 * One CRM concurrency configuration: the sandbox's own limit (crm.max-concurrent) and the importer's
 * settings that match it. The importer's rate limiter (200 calls/s by default) is lifted so that only
 * C binds; the baseline also bounds records in flight to 6, one per partition.
 */
public record CrmSetup(String label, int limit, boolean baseline) {

    public static final double CRM_LATENCY_SECONDS = 0.3;
    public static final int PARTITIONS = 6;

    public static CrmSetup limit(int c) {
        return new CrmSetup("C=" + c, c, false);
    }

    /** One call at a time per partition: 6 CRM callers and at most 6 records in flight. */
    public static CrmSetup onePerPartition() {
        return new CrmSetup("baseline: 1 call/partition", PARTITIONS, true);
    }

    /** The same limits under another name (and so another consumer group). */
    public CrmSetup named(String newLabel) {
        return new CrmSetup(newLabel, limit, baseline);
    }

    /** The issue's limit: C / 0.3 s. */
    public double issueLimit() {
        return limit / CRM_LATENCY_SECONDS;
    }

    /** What C allows when each order needs {@code callsPerOrder} CRM calls of 0.3 s. */
    public double effectiveLimit(double callsPerOrder) {
        return limit / (callsPerOrder * CRM_LATENCY_SECONDS);
    }

    /**
     * Each setup's importer reads with a consumer group of its own, started at the end of the input:
     * checkouts left over from the previous setup's window are not carried into this one.
     */
    public String consumerGroup() {
        return "crm-importer-bench-" + label.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    }

    /**
     * What the importer of this setup is given, each with the property it must bind to (read back from the
     * running importer). Spring's environment form of {@code crm-importer.consumer.group-id} is
     * {@code CRMIMPORTER_CONSUMER_GROUPID} (dots to underscores, dashes dropped); {@code CRM_IMPORTER_CONSUMER_GROUPID}
     * binds nothing. Records in flight are bounded by {@code crm-importer.consumer.max-in-flight} (the keyed
     * consumer's KeyedInput.maxInFlight; {@code keyed-consumer.*} has no such setting).
     */
    public List<ExpectedSetting> importerSettings() {
        List<ExpectedSetting> settings = new ArrayList<>();
        settings.add(ExpectedSetting.of("CRMIMPORTER_CONSUMER_GROUPID", "crm-importer.consumer.group-id", consumerGroup()));
        settings.add(ExpectedSetting.of("CRM_MAX_CONCURRENT_CALLS", "crm-importer.checkoutchamp.max-concurrent-calls", limit));
        settings.add(ExpectedSetting.of("RESILIENCE4J_RATELIMITER_INSTANCES_CHECKOUTCHAMP_LIMITFORPERIOD",
                "resilience4j.ratelimiter.instances.checkoutchamp.limit-for-period", 100000));
        if (baseline) {
            settings.add(ExpectedSetting.of("CRMIMPORTER_CONSUMER_MAXINFLIGHT", "crm-importer.consumer.max-in-flight",
                    PARTITIONS));
        }
        return settings;
    }

    public Map<String, String> importerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        importerSettings().forEach(setting -> env.put(setting.env(), setting.value()));
        return env;
    }

    public Map<String, Object> sandboxSettings(String amazonLatency) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("crm.latency", Math.round(CRM_LATENCY_SECONDS * 1000) + "ms");
        settings.put("crm.max-concurrent", limit);
        settings.put("amazon.latency", amazonLatency);
        return settings;
    }
}
