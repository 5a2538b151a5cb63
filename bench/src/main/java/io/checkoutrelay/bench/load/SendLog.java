package io.checkoutrelay.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The generator's record of accepted checkouts: which, when sent (epoch µs), and whether inside the window. */
public record SendLog(List<Send> sends) {

    public record Send(String checkoutId, long sentEpochMicros, boolean inWindow) {
    }

    public static SendLog read(Path file) {
        try {
            List<Send> sends = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("malformed send line in " + file + ": " + line);
                }
                sends.add(new Send(parts[0], Long.parseLong(parts[1]), parts[2].equals("1")));
            }
            return new SendLog(List.copyOf(sends));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    public List<String> checkoutIds() {
        return sends.stream().map(Send::checkoutId).toList();
    }

    public List<Send> inWindow() {
        return sends.stream().filter(Send::inWindow).toList();
    }
}
