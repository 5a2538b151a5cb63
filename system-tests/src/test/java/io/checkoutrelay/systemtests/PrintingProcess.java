package io.checkoutrelay.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program that prints lines until it is stopped (a consumer): its standard output collected line by
 * line, its standard error kept for the failure message. Stopped by its own process handle.
 */
final class PrintingProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final StringBuffer errors = new StringBuffer();

    private PrintingProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        drain(process.getInputStream(), lines::add);
        drain(process.getErrorStream(), line -> errors.append(line).append('\n'));
    }

    static PrintingProcess start(String name, List<String> command) {
        try {
            return new PrintingProcess(name, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start: " + command, e);
        }
    }

    /** The lines printed so far that match, once at least {@code count} of them were printed. */
    List<String> awaitLines(Predicate<String> matching, int count, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> found = lines.stream().filter(matching).toList();
            if (found.size() >= count) {
                return found;
            }
            if (!process.isAlive()) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(name + " printed " + lines.stream().filter(matching).count() + " of " + count
                + " expected lines within " + limit + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                + "\nstdout:\n" + String.join("\n", lines) + "\nstderr:\n" + errors);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    private void drain(java.io.InputStream stream, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                reader.lines().forEach(sink);
            } catch (IOException | UncheckedIOException closed) {
                // the process ended
            }
        }, name + "-output");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
