package io.checkoutrelay.sandbox.admin;

import java.util.concurrent.atomic.AtomicInteger;

/** Calls in flight right now and the most there ever were at once (since start or the last reset). */
public class ConcurrencyGauge {

    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public void enter() {
        int now = current.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    public void leave() {
        current.decrementAndGet();
    }

    public int current() {
        return current.get();
    }

    public int peak() {
        return peak.get();
    }

    /** Forgets the peak; calls still in flight count as the new peak. */
    public void resetPeak() {
        peak.set(current.get());
    }
}
