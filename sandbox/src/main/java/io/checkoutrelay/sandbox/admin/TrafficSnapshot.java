package io.checkoutrelay.sandbox.admin;

import java.util.Map;

/** Concurrency and answer counts of one API. */
public record TrafficSnapshot(int currentConcurrency, int peakConcurrency, Map<String, Map<String, Long>> calls) {
}
