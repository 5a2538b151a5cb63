package io.checkoutrelay.bench.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads the sandbox's stats once a second while running, so call rates can be taken over any window. */
public final class StatsPoller implements AutoCloseable {

    private final SandboxClient sandbox;
    private final List<SandboxClient.SandboxStats> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public StatsPoller(SandboxClient sandbox) {
        this.sandbox = sandbox;
        this.thread = new Thread(this::loop, "sandbox-stats");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                samples.add(sandbox.stats());
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a missed sample only widens the window a little
            }
        }
    }

    /** CRM calls per second between the samples nearest before {@code from} and after {@code to}. */
    public double crmCallsPerSecond(long from, long to) {
        List<SandboxClient.SandboxStats> all = new ArrayList<>(samples);
        SandboxClient.SandboxStats start = null;
        SandboxClient.SandboxStats end = null;
        for (SandboxClient.SandboxStats s : all) {
            if (s.epochMillis() <= from || start == null) {
                start = s;
            }
            if (s.epochMillis() >= to) {
                end = s;
                break;
            }
        }
        if (end == null && !all.isEmpty()) {
            end = all.get(all.size() - 1);
        }
        if (start == null || end == null || end.epochMillis() <= start.epochMillis()) {
            return 0;
        }
        return (end.crmCalls() - start.crmCalls()) * 1000.0 / (end.epochMillis() - start.epochMillis());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
