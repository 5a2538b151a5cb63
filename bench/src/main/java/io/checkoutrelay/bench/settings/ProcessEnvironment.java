package io.checkoutrelay.bench.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment a process was started with, from {@code /proc/<pid>/environ}. */
final class ProcessEnvironment {

    private ProcessEnvironment() {
    }

    static Map<String, String> of(long pid) {
        try {
            return parse(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the environment of process " + pid + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> parse(byte[] environ) {
        Map<String, String> env = new HashMap<>();
        for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }
}
