package io.checkoutrelay.bench;

import java.util.List;

/** Warm-up and measurement windows (seconds) and load levels, full or quick. */
public record Timing(double intakeWarmup, double intakeWindow, List<Integer> intakeConnections,
                     double pipelineWarmup, double pipelineWindow, double overheadWarmup, double overheadWindow,
                     long producerPerfRecords, double drainSeconds) {

    public static Timing of(boolean quick) {
        return quick
                ? new Timing(4, 8, List.of(32), 6, 12, 5, 12, 50_000, 60)
                : new Timing(10, 20, List.of(8, 32, 128), 15, 30, 10, 30, 300_000, 120);
    }
}
