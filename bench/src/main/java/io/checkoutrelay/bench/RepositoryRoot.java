package io.checkoutrelay.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout-relay checkout this bench belongs to: where the service jars and bench/results are. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** From the bench jar's location (bench/target/bench.jar), else upwards from the working directory. */
    public static Path find() {
        try {
            Path code = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = code.getParent() == null ? null : code.getParent().getParent();
            candidate = candidate == null ? null : candidate.getParent();
            if (isRoot(candidate)) {
                return candidate;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall back to the working directory
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the checkout-relay repository (a directory with pom.xml, "
                + "bench/ and order-intake/) from the bench jar or the working directory " + Path.of("").toAbsolutePath());
    }

    static boolean isRoot(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("bench"))
                && Files.isDirectory(dir.resolve("order-intake"));
    }
}
