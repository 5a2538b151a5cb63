package io.checkoutrelay.sandbox.admin;

/**
 * A call between its arrival and its answer: it counts towards the concurrency of its API until
 * closed. Use with try-with-resources and {@link #answered} once the answer is known.
 */
public final class InFlightCall implements AutoCloseable {

    private final TrafficMonitor monitor;
    private final RecordedCall call;
    private final long startNanos;
    private boolean answered;
    private boolean closed;

    InFlightCall(TrafficMonitor monitor, RecordedCall call, long startNanos) {
        this.monitor = monitor;
        this.call = call;
        this.startNanos = startNanos;
    }

    public void answered(int status, String outcome) {
        if (!answered) {
            answered = true;
            monitor.recordAnswer(call, status, outcome, elapsedMillis());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        answered(500, "FAILED");
        monitor.leave(call.api());
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
