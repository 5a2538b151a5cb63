package io.checkoutrelay.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images that {@code ./mvnw -B package -Pimages} builds with Jib (no Docker daemon): each tarball
 * opened and its config checked as a container runtime reads it, and the sandbox's image run for real
 * from its layers (chroot as its user), which proves the runtime layer made from the build's JDK runs.
 */
class ImageTarballTest {

    /** The JVM flags the benchmark measured (bench/results/2026-11-28.md), as the images must carry them. */
    static final List<String> MEASURED_JVM_FLAGS = List.of("-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-XX:TrimNativeHeapInterval=5000",
            "-XX:+ExitOnOutOfMemoryError");
    /** C1 only for the enricher and the importer (bench/results/2026-11-29.md, "Per-service JVM flags"). */
    static final List<String> C1_ONLY = List.of("profile-enricher", "crm-importer");
    /** Each service's heap, under 300 MiB RSS with the rest (bench/results/2026-11-29-memory.md). */
    static final Map<String, String> HEAP = Map.of("order-intake", "-Xmx96m", "profile-enricher", "-Xmx96m",
            "crm-importer", "-Xmx112m");

    static List<String> measuredFlags(String module) {
        List<String> flags = new java.util.ArrayList<>(MEASURED_JVM_FLAGS);
        if (C1_ONLY.contains(module)) {
            flags.add("-XX:TieredStopAtLevel=1");
        }
        if (HEAP.containsKey(module)) {
            flags.add(HEAP.get(module));
        }
        return flags;
    }

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"order-intake", "profile-enricher", "crm-importer", "sandbox", "replay", "topics"})
    void eachImageIsNamedTaggedNonRootWithTheMeasuredFlags(String module) throws IOException {
        OciImage image = OciImage.unpack(tarball(module), temp.resolve(module));

        assertThat(image.name()).isEqualTo("ghcr.io/checkout-relay/" + module + ":" + System.getProperty("relay.version"));
        Map<String, Object> config = image.containerConfig();
        assertThat(config.get("User")).isEqualTo("10001:10001");
        assertThat(image.entrypoint()).startsWith("java", "-cp", "@/app/jib-classpath-file");
        assertThat(image.entrypoint().get(3)).startsWith("io.checkoutrelay.");
        assertThat(image.env()).contains("PATH=/opt/java/bin:/bin", "MALLOC_ARENA_MAX=2");
        String toolOptions = image.env().stream().filter(e -> e.startsWith("JAVA_TOOL_OPTIONS=")).findFirst().orElse("");
        assertThat(toolOptions.substring("JAVA_TOOL_OPTIONS=".length()).split(" ")).containsExactlyElementsOf(measuredFlags(module));
        if (module.equals("replay") || module.equals("topics")) { // commands, not servers
            assertThat(ManifestChecks.map(config, "ExposedPorts")).isEmpty();
        } else {
            assertThat(ManifestChecks.map(config, "ExposedPorts")).containsOnlyKeys("8080/tcp");
            assertThat(image.env()).contains("SERVER_PORT=8080");
        }

        String files = String.join("\n", listings(image));
        assertThat(files).containsPattern("-rwxr-xr-x 0/0 .* opt/java/bin/java\\n")
                .containsPattern("-rwxr-xr-x 0/0 .* lib64/ld-linux-x86-64.so.2\\n")
                .containsPattern("-rwxr-xr-x 0/0 .* bin/busybox\\n")
                .contains("opt/java/lib/security/cacerts", "app/classes/io/checkoutrelay/", "app/jib-classpath-file",
                        "etc/passwd");
    }

    @Test
    void theSandboxImageRunsFromItsLayersAsItsUserAndAnswersHealth() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!"1".equals(System.getenv("RELAY_CI"))) {
            assumeTrue(root, "running an image without a container engine needs root (chroot, mount); CI runs as root");
        }
        assertThat(root).as("CI runs as root").isTrue();
        OciImage image = OciImage.unpack(tarball("sandbox"), temp.resolve("sandbox"));
        Path rootfs = image.rootFilesystem();
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        int port = FreePort.pick();

        List<String> env = new ArrayList<>(image.env());
        env.replaceAll(e -> e.startsWith("SERVER_PORT=") ? "SERVER_PORT=" + port : e);
        String user = String.valueOf(image.containerConfig().get("User"));
        // a private mount namespace (so the mounts go when it ends) with /proc and /dev as a runtime
        // gives them, then the image's entrypoint with only the image's environment, as its user
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child=SIGTERM",
                "sh", "-c", "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && exec \"$@\"",
                rootfs.toString(), "env", "-i"));
        command.addAll(env);
        command.addAll(List.of(executable("chroot"), "--userspec=" + user, rootfs.toString()));
        command.addAll(image.entrypoint());

        try (ManagedProcess sandbox = ManagedProcess.start("sandbox-image", command, Map.of(), temp, temp.resolve("sandbox-image.log"))) {
            try {
                answersHealthAsItsUser(sandbox, port);
            } finally {
                stopImageProcesses(sandbox.pid());
            }
        }
    }

    private static void answersHealthAsItsUser(ManagedProcess sandbox, int port) throws Exception {
        String health = "http://127.0.0.1:" + port + "/actuator/health";
        sandbox.awaitReady(() -> answers200(health), Duration.ofSeconds(120));
        String log = Files.readString(sandbox.logFile());
        assertThat(log).contains("Picked up JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=50 -XX:+UseSerialGC");
        List<String> javaUsers = ProcessHandle.of(sandbox.pid()).orElseThrow().descendants()
                .filter(p -> commandLine(p).contains("io.checkoutrelay.sandbox.SandboxApplication"))
                .map(ImageTarballTest::realUid).toList();
        assertThat(javaUsers).as("uid of the image's java process").containsExactly("10001");
    }

    /**
     * The image's java process changes its user (chroot --userspec), which clears the parent-death signal
     * unshare --kill-child relies on: it would outlive the test. Stopped here, by its PID.
     */
    private static void stopImageProcesses(long unsharePid) throws InterruptedException {
        List<ProcessHandle> started = ProcessHandle.of(unsharePid).map(p -> p.descendants().toList()).orElse(List.of());
        started.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    private static String realUid(ProcessHandle process) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).map(line -> line.split("\\s+")[1]).findFirst().orElse("?");
        } catch (IOException gone) {
            return "gone";
        }
    }

    /** A system tool by its full path (env -i leaves no PATH to find it by, and sbin is often not on it). */
    private static String executable(String name) {
        return java.util.stream.Stream.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable).map(Path::toString).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not installed"));
    }

    private static List<String> listings(OciImage image) throws IOException {
        List<String> listings = new ArrayList<>();
        for (Path layer : image.layers()) {
            listings.add(image.listing(layer));
        }
        return listings;
    }

    private static boolean answers200(String url) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The module's image tarball: required when the build ran with -Pimages (CI does), else the test is skipped. */
    private static Path tarball(String module) {
        boolean built = Boolean.getBoolean("relay.images");
        if (!"1".equals(System.getenv("RELAY_CI"))) {
            assumeTrue(built, "images are built with -Pimages (./mvnw -B verify -Pimages); .ci/run does");
        }
        assertThat(built).as("CI builds the images: run with -Pimages").isTrue();
        Path tarball = HelmChartTest.ROOT.resolve(module).resolve("target").resolve(module + "-image.tar");
        assertThat(tarball).as("image of " + module).exists();
        return tarball;
    }
}
