package io.checkoutrelay.bench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.checkoutrelay.localstack.Java;

/**
 * A JDK Flight Recorder recording of a running service, started and dumped with {@code jcmd} around a
 * measurement, so that a missed target can be explained by where the CPU went.
 */
public final class JfrRecording {

    private static final String NAME = "bench";

    private final long pid;
    private final Path file;

    private JfrRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    /** Starts sampling (the JDK's "profile" settings: a stack sample every 10 ms per running thread). */
    public static JfrRecording start(long pid, Path file) {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
        return new JfrRecording(pid, file);
    }

    /** Writes the recording to its file and stops it; the file is absent when the JVM refused. */
    public Path stop() {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            return file;
        }
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
        return file;
    }

    private static void jcmd(long pid, String... command) {
        String jcmd = Path.of(Java.executable()).resolveSibling("jcmd").toString();
        List<String> args = new java.util.ArrayList<>(List.of(jcmd, Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            System.err.println("jcmd " + String.join(" ", command) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
