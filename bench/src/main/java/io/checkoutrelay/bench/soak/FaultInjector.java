package io.checkoutrelay.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

import io.checkoutrelay.localstack.system.WholeSystem;

/**
 * Runs a {@link FaultPlan} against the running system on a thread of its own: each fault when the
 * load has reached its point, one at a time, and records what was done and when.
 */
final class FaultInjector implements AutoCloseable {

    /** A fault as it was executed: when it began and ended, and what happened (or why it failed). */
    record Executed(int number, FaultPlan.Step step, Instant began, Instant ended, String detail, boolean failed) {
    }

    private final WholeSystem system;
    private final FaultPlan plan;
    private final DoubleSupplier progress;
    private final List<Executed> executed = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;
    private int kept;

    FaultInjector(WholeSystem system, FaultPlan plan, DoubleSupplier progress) {
        this.system = system;
        this.plan = plan;
        this.progress = progress;
        this.thread = new Thread(this::run, "soak-faults");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        int number = 0;
        for (FaultPlan.Step step : plan.steps()) {
            number++;
            while (!stopping && progress.getAsDouble() < step.atProgress()) {
                sleep(Duration.ofMillis(200));
            }
            if (stopping) {
                return;
            }
            Instant began = Instant.now();
            String detail;
            boolean failed = false;
            try {
                detail = execute(step.fault());
            } catch (RuntimeException e) {
                detail = "failed: " + e.getMessage().lines().findFirst().orElse("");
                failed = true;
            }
            Executed done = new Executed(number, step, began, Instant.now(), detail, failed);
            executed.add(done);
            System.out.printf("  fault %d/%d at %.0f %% of the load: %s — %s (%.1f s)%n", number, plan.steps().size(),
                    step.atProgress() * 100, step.fault().label(), detail,
                    Duration.between(began, done.ended()).toMillis() / 1000.0);
        }
    }

    private String execute(Fault fault) {
        if (fault instanceof Fault.Kill kill) {
            long pid = system.service(kill.service()).pid();
            system.killService(kill.service());
            keepLog(kill.service());
            long restartBegan = System.nanoTime();
            system.startService(kill.service(), Map.of());
            return "pid " + pid + " killed; restarted, live after "
                    + seconds(Duration.ofNanos(System.nanoTime() - restartBegan));
        }
        if (fault instanceof Fault.Freeze freeze) {
            long pid = system.service(freeze.service()).pid();
            system.pauseService(freeze.service());
            sleep(freeze.frozen());
            system.resumeService(freeze.service());
            return "pid " + pid + " stopped " + freeze.frozen().toSeconds() + " s, then continued";
        }
        if (fault instanceof Fault.BrokerRestart) {
            return "broker away for " + seconds(system.restartBroker());
        }
        return "registry away for " + seconds(system.restartRegistry());
    }

    /** The restart starts the service's log afresh: the killed run's log is kept beside it, numbered. */
    private void keepLog(String service) {
        Path log = system.serviceLog(service);
        try {
            if (Files.exists(log)) {
                Files.copy(log, log.resolveSibling(service + "-killed-" + (++kept) + ".log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep " + log + ": " + e.getMessage());
        }
    }

    /** Waits until every fault of the plan has run (or {@code timeout} passes); whether all did. */
    boolean awaitAll(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return executed.size() == plan.steps().size();
    }

    List<Executed> executed() {
        return List.copyOf(executed);
    }

    @Override
    public void close() {
        stopping = true;
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
