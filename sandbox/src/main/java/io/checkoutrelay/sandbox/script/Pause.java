package io.checkoutrelay.sandbox.script;

import java.time.Duration;

/** Sleeps on the calling thread only: latency never holds a lock or blocks other calls. */
public final class Pause {

    private Pause() {
    }

    public static void sleep(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
