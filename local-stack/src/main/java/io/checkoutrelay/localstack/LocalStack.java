package io.checkoutrelay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The one-command local run: a real broker, a real registry, the sandbox (Amazon and CheckoutChamp
 * stand-ins) and every service module that has been built, wired together on loopback. Ctrl-C stops
 * everything it started, by PID, in reverse order.
 *
 * <p>Usage: {@code java -jar local-stack/target/local-stack.jar [--infra-only]}
 */
public final class LocalStack {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int REGISTRY_PORT = 8081;
    static final int SANDBOX_PORT = 8090;

    /** Service modules in start order, with their local ports. */
    static final Map<String, Integer> SERVICES = services();

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    public static void main(String[] args) throws InterruptedException {
        boolean infraOnly = List.of(args).contains("--infra-only");
        Path root = repositoryRoot();
        Path workDir = root.resolve(".local-stack");
        LocalStack stack = new LocalStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stopAll();
            stopped.countDown();
        }, "local-stack-stop"));
        long begin = System.nanoTime();
        try {
            stack.startAll(root, workDir, infraOnly);
        } catch (RuntimeException e) {
            System.err.println("local stack failed to start: " + e.getMessage());
            System.exit(1);
        }
        stack.printSummary(Duration.ofNanos(System.nanoTime() - begin), workDir);
        stopped.await();
    }

    void startAll(Path root, Path workDir, boolean infraOnly) {
        deleteRecursively(workDir);
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(workDir.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT));
        CompletableFuture<ApicurioRegistry> registryStart = CompletableFuture.supplyAsync(
                () -> ApicurioRegistry.start(workDir.resolve("registry"), REGISTRY_PORT));
        KafkaBroker broker = track(kafka.join());
        ApicurioRegistry registry = track(registryStart.join());
        record("kafka", broker.bootstrapServers(), broker.process(), broker.startup());
        record("registry", registry.apiUrl(), registry.process(), registry.startup());
        if (infraOnly) {
            return;
        }
        Optional<Path> sandboxJar = BootJar.builtJar(root, "sandbox");
        String sandboxUrl = "http://127.0.0.1:" + SANDBOX_PORT;
        if (sandboxJar.isPresent()) {
            BootJar sandbox = track(BootJar.start("sandbox", sandboxJar.get(), SANDBOX_PORT,
                    Map.of("SANDBOX_AMAZON_CLIENT_ID", DevSettings.AMAZON_CLIENT_ID,
                            "SANDBOX_CRM_LOGIN_ID", DevSettings.CRM_LOGIN_ID,
                            "SANDBOX_CRM_PASSWORD", DevSettings.CRM_PASSWORD),
                    workDir.resolve("sandbox")));
            record("sandbox", sandbox.url() + "/sandbox/calls", sandbox.process(), sandbox.startup());
        } else {
            System.out.println("sandbox not built (./mvnw package -DskipTests): skipped");
        }
        Map<String, String> env = DevSettings.environment(broker.bootstrapServers(), registry.apiUrl(), sandboxUrl,
                devTokenKey());
        SERVICES.forEach((module, port) -> BootJar.builtJar(root, module).ifPresentOrElse(jar -> {
            BootJar service = track(BootJar.start(module, jar, port, env, workDir.resolve(module)));
            record(module, service.url(), service.process(), service.startup());
        }, () -> System.out.println(module + " not built or not there yet: skipped")));
    }

    private static String devTokenKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        System.out.println();
        System.out.println("!!! DEV KEY: access tokens are encrypted with a random key made for this local run only. !!!");
        System.out.println("!!! Outside a local run, RELAY_TOKEN_KEYS must come from a secret.                       !!!");
        System.out.println();
        return "local-dev:" + Base64.getEncoder().encodeToString(key);
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    private void record(String name, String where, ManagedProcess process, Duration startup) {
        summary.add(String.format("  %-17s %-48s pid %-7d ready in %5.1f s  RSS %4d MiB", name, where,
                process.pid(), startup.toMillis() / 1000.0, process.residentKiB() / 1024));
    }

    private void printSummary(Duration total, Path workDir) {
        System.out.println("checkout-relay local stack is up (" + total.toMillis() / 1000.0 + " s):");
        summary.forEach(System.out::println);
        System.out.println("  logs: " + workDir.toAbsolutePath() + "   stop: Ctrl-C");
    }

    void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping failed: " + e.getMessage());
            }
        }
        started.clear();
        System.out.println("local stack stopped");
    }

    private static Map<String, Integer> services() {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("profile-enricher", 8082);
        services.put("crm-importer", 8083);
        services.put("order-intake", 8080);
        return services;
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
