package io.checkoutrelay.replay.console;

import java.time.Instant;
import java.util.List;

/** Everything one page of the console shows, read at {@code takenAt} over the window since {@code from}. */
record ConsoleSnapshot(Instant takenAt, Instant from, List<ServiceGauges.Gauges> gauges,
                       List<StatusTimelines.Timeline> checkouts, DeclineTally declines, List<String> replayDryRun) {
}
