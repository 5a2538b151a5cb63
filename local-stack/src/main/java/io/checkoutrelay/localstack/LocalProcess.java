package io.checkoutrelay.localstack;

import java.time.Duration;

/** A started part of the local stack: its child process, the loopback port it serves, how long it took. */
public abstract class LocalProcess implements AutoCloseable {

    protected volatile ManagedProcess process;
    protected final int port;
    private final Duration startup;

    LocalProcess(ManagedProcess process, int port, Duration startup) {
        this.process = process;
        this.port = port;
        this.startup = startup;
    }

    /** From start to ready. */
    public Duration startup() {
        return startup;
    }

    public long pid() {
        return process.pid();
    }

    /** The current run's process (a part that can be restarted replaces it). */
    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
