package io.checkoutrelay.schemas.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The build's contract check: each topic's current schema must read data written with every
 * released version of it (BACKWARD compatibility), and no released schema may disappear. Released
 * versions live in {@code schemas/released/<RecordName>/v<n>.avsc}, self-contained.
 *
 * <p>{@code CompatibilityCheck <releasedDir>} fails (and so the build) on a violation;
 * {@code CompatibilityCheck <releasedDir> --release} records every changed schema as a new version
 * (in Maven: {@code ./mvnw -pl schemas -am process-classes -Dschemas.release=release}).
 */
public final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    public static void main(String[] args) {
        Path released = Path.of(args[0]);
        Map<String, Schema> current = ContractSchemas.current();
        List<String> violations = violations(released, current);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Schema changes that break BACKWARD compatibility with released versions:\n  - "
                    + String.join("\n  - ", violations)
                    + "\nAdd new fields with a default, never remove or retype one; or publish a new topic version.");
        }
        if (args.length > 1 && args[1].equals("--release")) {
            release(released, current).forEach(f -> System.out.println("released " + f));
        }
        System.out.println("schemas: " + current.size() + " topic schemas are BACKWARD compatible with their released versions");
    }

    /** Every incompatibility, in words; empty when the current schemas can read all released data. */
    public static List<String> violations(Path releasedDir, Map<String, Schema> current) {
        List<String> violations = new ArrayList<>();
        for (Path dir : list(releasedDir)) {
            String name = dir.getFileName().toString();
            Schema reader = current.get(name);
            for (Path version : list(dir)) {
                Schema writer = new Schema.Parser().parse(read(version));
                if (reader == null) {
                    violations.add(name + " was released (" + version.getFileName() + ") but no longer exists");
                    continue;
                }
                var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
                if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                    result.getIncompatibilities().forEach(i -> violations.add(name + " cannot read "
                            + version.getFileName() + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
                }
            }
        }
        return violations;
    }

    /** Writes each schema that differs from its latest released version as the next version. */
    public static List<Path> release(Path releasedDir, Map<String, Schema> current) {
        List<Path> written = new ArrayList<>();
        current.forEach((name, schema) -> {
            Path dir = releasedDir.resolve(name);
            List<Path> versions = Files.isDirectory(dir) ? list(dir) : List.of();
            if (!versions.isEmpty()) {
                Schema latest = new Schema.Parser().parse(read(versions.get(versions.size() - 1)));
                if (latest.equals(schema)) {
                    return;
                }
            }
            Path file = dir.resolve("v" + (versions.size() + 1) + ".avsc");
            try {
                Files.createDirectories(dir);
                Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written.add(file);
        });
        return written;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted(Comparator.comparing(CompatibilityCheck::versionOrder)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOrder(Path path) {
        String name = path.getFileName().toString();
        String digits = name.replaceAll("\\D", "");
        return digits.isEmpty() ? name : String.format("%09d", Long.parseLong(digits));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
