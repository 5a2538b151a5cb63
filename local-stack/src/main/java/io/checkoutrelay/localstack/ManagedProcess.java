package io.checkoutrelay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process started by the local stack: output goes to a log file, it is stopped by its own
 * PID (never by name), and it is stopped when this JVM exits.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(15);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long startedAtNanos;
    private final Thread stopOnExit;

    private ManagedProcess(String name, Process process, Path logFile, long startedAtNanos) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.startedAtNanos = startedAtNanos;
        this.stopOnExit = new Thread(this::stop, "stop-" + name);
        try {
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // started while this JVM exits (Ctrl-C during start-up): no hook would stop it later
            process.destroyForcibly();
            throw new IllegalStateException(name + " started while shutting down; stopped again", shuttingDown);
        }
    }

    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
                                       Path workDir, Path logFile) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            return new ManagedProcess(name, builder.start(), logFile, started);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Blocks until {@code ready} holds; fails with the tail of the log if the process dies or time runs out. */
    public Duration awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready; log " + logFile + ":\n" + Logs.tail(logFile, 40));
            }
            if (ready.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - startedAtNanos);
            }
            sleep(Duration.ofMillis(200));
        }
        stop();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log " + logFile
                + ":\n" + Logs.tail(logFile, 40));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident set size in KiB, read from /proc; -1 where /proc is not available. */
    public long residentKiB() {
        return ProcessMemory.residentKiB(process.pid());
    }

    /** SIGKILL, as a crash would: no shutdown hooks, no flush. For crash tests. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /**
     * SIGSTOP: the process freezes where it is (no heartbeats, no I/O), as in a long GC pause or a
     * network split, until {@link #resume()}.
     */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: a paused process runs on from where it stopped. */
    public void resume() {
        signal("CONT");
    }

    /** Sends {@code kill -<signal> <pid>} to this process only (Java has no API for STOP and CONT). */
    private void signal(String signal) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " does not run: cannot send SIG" + signal);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name + ") failed: "
                        + output.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + name, e);
        }
    }

    /**
     * SIGTERM, as Kubernetes stops a pod, then waits up to {@code grace}: the exit code, or empty when
     * the process had to be SIGKILLed after the grace period.
     */
    public java.util.OptionalInt terminate(Duration grace) {
        process.destroy();
        if (waitForExit(grace)) {
            return java.util.OptionalInt.of(process.exitValue());
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
        return java.util.OptionalInt.empty();
    }

    /** SIGTERM, then SIGKILL if the process has not exited after a grace period. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(GRACEFUL_STOP)) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run; it stops an already stopped process, harmlessly
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
