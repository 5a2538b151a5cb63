package io.checkoutrelay.sandbox.script;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.convert.DurationStyle;

import io.checkoutrelay.sandbox.SandboxProperties;

/**
 * The settings that can change while the sandbox runs. Keys are the property names without the
 * {@code sandbox.} prefix, e.g. {@code crm.latency}.
 */
public record Settings(
        Duration crmLatency,
        double crmFailureRate,
        boolean crmOutage,
        Duration crmTimeoutDelay,
        int crmMaxConcurrent,
        boolean crmMergeQuantities,
        double crmLostReplyRate,
        double crmLateCommitRate,
        Duration crmLateCommitDelay,
        Duration amazonLatency,
        double amazonFailureRate,
        double amazonThrottleRate,
        Duration amazonSlowDelay) {

    public static final String CRM_LATENCY = "crm.latency";
    public static final String CRM_FAILURE_RATE = "crm.failure-rate";
    public static final String CRM_OUTAGE = "crm.outage";
    public static final String CRM_TIMEOUT_DELAY = "crm.timeout-delay";
    public static final String CRM_MAX_CONCURRENT = "crm.max-concurrent";
    public static final String CRM_MERGE_QUANTITIES = "crm.merge-quantities";
    public static final String CRM_LOST_REPLY_RATE = "crm.lost-reply-rate";
    public static final String CRM_LATE_COMMIT_RATE = "crm.late-commit-rate";
    public static final String CRM_LATE_COMMIT_DELAY = "crm.late-commit-delay";
    public static final String AMAZON_LATENCY = "amazon.latency";
    public static final String AMAZON_FAILURE_RATE = "amazon.failure-rate";
    public static final String AMAZON_THROTTLE_RATE = "amazon.throttle-rate";
    public static final String AMAZON_SLOW_DELAY = "amazon.slow-delay";

    public Settings {
        requireNonNegative(CRM_LATENCY, crmLatency);
        requireNonNegative(CRM_TIMEOUT_DELAY, crmTimeoutDelay);
        requireNonNegative(CRM_LATE_COMMIT_DELAY, crmLateCommitDelay);
        requireNonNegative(AMAZON_LATENCY, amazonLatency);
        requireNonNegative(AMAZON_SLOW_DELAY, amazonSlowDelay);
        requireFraction(CRM_FAILURE_RATE, crmFailureRate);
        requireFraction(CRM_LOST_REPLY_RATE, crmLostReplyRate);
        requireFraction(CRM_LATE_COMMIT_RATE, crmLateCommitRate);
        requireFraction(AMAZON_FAILURE_RATE, amazonFailureRate);
        requireFraction(AMAZON_THROTTLE_RATE, amazonThrottleRate);
        if (crmLostReplyRate + crmLateCommitRate > 1) {
            throw new IllegalArgumentException(CRM_LOST_REPLY_RATE + " + " + CRM_LATE_COMMIT_RATE
                    + " must be at most 1");
        }
        if (crmMaxConcurrent < 0) {
            throw new IllegalArgumentException(CRM_MAX_CONCURRENT + " must be zero (unlimited) or more");
        }
    }

    public static Settings from(SandboxProperties properties) {
        SandboxProperties.Crm crm = properties.crm();
        SandboxProperties.Amazon amazon = properties.amazon();
        return new Settings(crm.latency(), crm.failureRate(), crm.outage(), crm.timeoutDelay(),
                crm.maxConcurrent(), crm.mergeQuantities(), crm.lostReplyRate(), crm.lateCommitRate(),
                crm.lateCommitDelay(), amazon.latency(), amazon.failureRate(), amazon.throttleRate(), amazon.slowDelay());
    }

    /** A copy with one setting changed; the key may be written as a property name or in camelCase. */
    public Settings with(String key, Object value) {
        String name = canonicalKey(key);
        Map<String, Object> values = asMap();
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        values.put(name, value);
        return fromMap(values);
    }

    private static Settings fromMap(Map<String, Object> values) {
        return new Settings(duration(CRM_LATENCY, values.get(CRM_LATENCY)),
                fraction(CRM_FAILURE_RATE, values.get(CRM_FAILURE_RATE)),
                bool(CRM_OUTAGE, values.get(CRM_OUTAGE)),
                duration(CRM_TIMEOUT_DELAY, values.get(CRM_TIMEOUT_DELAY)),
                count(CRM_MAX_CONCURRENT, values.get(CRM_MAX_CONCURRENT)),
                bool(CRM_MERGE_QUANTITIES, values.get(CRM_MERGE_QUANTITIES)),
                fraction(CRM_LOST_REPLY_RATE, values.get(CRM_LOST_REPLY_RATE)),
                fraction(CRM_LATE_COMMIT_RATE, values.get(CRM_LATE_COMMIT_RATE)),
                duration(CRM_LATE_COMMIT_DELAY, values.get(CRM_LATE_COMMIT_DELAY)),
                duration(AMAZON_LATENCY, values.get(AMAZON_LATENCY)),
                fraction(AMAZON_FAILURE_RATE, values.get(AMAZON_FAILURE_RATE)),
                fraction(AMAZON_THROTTLE_RATE, values.get(AMAZON_THROTTLE_RATE)),
                duration(AMAZON_SLOW_DELAY, values.get(AMAZON_SLOW_DELAY)));
    }

    /** The settings keyed by property name, durations written as milliseconds ("300ms"). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(CRM_LATENCY, print(crmLatency));
        map.put(CRM_FAILURE_RATE, crmFailureRate);
        map.put(CRM_OUTAGE, crmOutage);
        map.put(CRM_TIMEOUT_DELAY, print(crmTimeoutDelay));
        map.put(CRM_MAX_CONCURRENT, crmMaxConcurrent);
        map.put(CRM_MERGE_QUANTITIES, crmMergeQuantities);
        map.put(CRM_LOST_REPLY_RATE, crmLostReplyRate);
        map.put(CRM_LATE_COMMIT_RATE, crmLateCommitRate);
        map.put(CRM_LATE_COMMIT_DELAY, print(crmLateCommitDelay));
        map.put(AMAZON_LATENCY, print(amazonLatency));
        map.put(AMAZON_FAILURE_RATE, amazonFailureRate);
        map.put(AMAZON_THROTTLE_RATE, amazonThrottleRate);
        map.put(AMAZON_SLOW_DELAY, print(amazonSlowDelay));
        return map;
    }

    static String canonicalKey(String key) {
        String name = key.startsWith("sandbox.") ? key.substring("sandbox.".length()) : key;
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private static String print(Duration duration) {
        return DurationStyle.SIMPLE.print(duration);
    }

    private static Duration duration(String name, Object value) {
        if (value instanceof Number number) {
            return Duration.ofMillis(number.longValue());
        }
        try {
            return DurationStyle.detectAndParse(String.valueOf(value).trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 300ms, 2s or PT1S");
        }
    }

    private static double fraction(String name, Object value) {
        try {
            return value instanceof Number number ? number.doubleValue() : Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number between 0 and 1");
        }
    }

    private static int count(String name, Object value) {
        try {
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                return Math.toIntExact(number.longValue());
            }
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a whole number (0 = unlimited)");
        }
    }

    private static boolean bool(String name, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = String.valueOf(value).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(name + " must be true or false");
    }

    private static void requireNonNegative(String name, Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or more");
        }
    }

    private static void requireFraction(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }
}
