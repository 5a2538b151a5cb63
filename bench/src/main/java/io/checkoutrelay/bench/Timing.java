package io.checkoutrelay.bench;

import java.util.List;

/**
 * Warm-up and measurement windows (seconds) and load levels, full or quick. {@code intakeColdStart}
 * runs once before the first level: on 2 shared cores the services' C2 compiler needs about a minute
 * of load before the intake reaches its steady rate (measured: 118 → 700 accepted/s over 80 s).
 */
public record Timing(double intakeColdStart, double intakeWarmup, double intakeWindow, List<Integer> intakeConnections,
                     double pipelineWarmup, double pipelineWindow, double overheadWarmup, double overheadWindow,
                     long producerPerfRecords, double drainSeconds) {

    public static Timing of(boolean quick) {
        return quick
                ? new Timing(15, 4, 8, List.of(32), 6, 12, 5, 12, 50_000, 60)
                : new Timing(60, 10, 20, List.of(8, 32, 128), 15, 30, 10, 30, 300_000, 120);
    }

    /** The same windows with scenario 1's connection levels replaced (when {@code levels} names any). */
    public Timing withIntakeConnections(List<Integer> levels) {
        return levels.isEmpty() ? this : new Timing(intakeColdStart, intakeWarmup, intakeWindow, List.copyOf(levels),
                pipelineWarmup, pipelineWindow, overheadWarmup, overheadWindow, producerPerfRecords, drainSeconds);
    }
}
