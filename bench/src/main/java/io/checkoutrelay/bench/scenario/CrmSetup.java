package io.checkoutrelay.bench.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

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

    public Map<String, String> importerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CRM_IMPORTER_CONSUMER_GROUPID", consumerGroup());
        env.put("CRM_MAX_CONCURRENT_CALLS", Integer.toString(limit));
        env.put("RESILIENCE4J_RATELIMITER_INSTANCES_CHECKOUTCHAMP_LIMITFORPERIOD", "100000");
        if (baseline) {
            env.put("CRM_IMPORTER_CONSUMER_MAXINFLIGHT", Integer.toString(PARTITIONS));
        }
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
