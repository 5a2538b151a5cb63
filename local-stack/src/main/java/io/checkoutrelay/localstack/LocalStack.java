package io.checkoutrelay.localstack;

import io.checkoutrelay.localstack.system.SystemOptions;
import io.checkoutrelay.localstack.system.SystemPorts;
import io.checkoutrelay.localstack.system.WholeSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The one-command local run: the {@link WholeSystem} on the README's fixed ports, every module that
 * has been built, everything under {@code .local-stack/} (wiped at each start). Ctrl-C stops
 * everything it started, by PID.
 *
 * <p>Usage: {@code java -jar local-stack/target/local-stack.jar [--infra-only]}
 */
public final class LocalStack {

    static final String USAGE = "usage: java -jar local-stack/target/local-stack.jar [--infra-only]";

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean infraOnly = infraOnly(args);
        Path root = repositoryRoot();
        Path workDir = root.resolve(".local-stack");
        deleteRecursively(workDir);
        printDevKeyWarning();
        AtomicReference<WholeSystem> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            WholeSystem system = running.get();
            if (system != null) {
                system.close();
            }
            System.out.println("local stack stopped");
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            running.set(WholeSystem.start(SystemOptions.builder(root, workDir)
                    .ports(SystemPorts.localDefaults())
                    .tokenKeyId("local-dev")
                    .infrastructureOnly(infraOnly)
                    .skipUnbuilt(true)
                    .build()));
        } catch (RuntimeException e) {
            System.err.println("local stack failed to start: " + e.getMessage());
            System.exit(1);
        }
        printSummary(running.get());
        stopped.await();
    }

    private static boolean infraOnly(String[] args) {
        for (String arg : args) {
            if (!arg.equals("--infra-only")) {
                System.err.println("local stack: unknown argument '" + arg + "'");
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        return args.length > 0;
    }

    private static void printDevKeyWarning() {
        System.out.println();
        System.out.println("!!! DEV KEY: access tokens are encrypted with a random key made for this local run only. !!!");
        System.out.println("!!! Outside a local run, RELAY_TOKEN_KEYS must come from a secret.                       !!!");
        System.out.println();
    }

    private static void printSummary(WholeSystem system) {
        System.out.println("checkout-relay local stack is up (" + system.wholeStackStartup().toMillis() / 1000.0 + " s):");
        printRow("kafka", system.bootstrapServers(), system.broker());
        printRow("registry", system.registryUrl(), system.registry());
        system.sandbox().ifPresent(sandbox -> printRow("sandbox", sandbox.url() + "/sandbox/calls", sandbox));
        for (String service : WholeSystem.SERVICES) {
            if (system.isRunning(service)) {
                printRow(service, system.serviceUrl(service), system.service(service));
            }
        }
        System.out.println("  logs: " + system.workDir().toAbsolutePath() + "   stop: Ctrl-C");
    }

    private static void printRow(String name, String where, LocalProcess part) {
        Duration startup = part.startup();
        System.out.println(String.format("  %-17s %-48s pid %-7d ready in %5.1f s  RSS %4d MiB", name, where,
                part.pid(), startup.toMillis() / 1000.0, part.process().residentKiB() / 1024));
    }

    static Path repositoryRoot() {
        try {
            Path code = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // local-stack/target/local-stack.jar or local-stack/target/classes
            Path root = code.getParent().getParent().getParent();
            if (root != null && Files.exists(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("local-stack"))) {
                return root;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
