package io.checkoutrelay.bench.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.localstack.ManagedProcess;

/**
 * A JVM the bench starts with JVM flags of its choosing (local-stack's BootJar fixes them), ready
 * when its health URL answers 200. Start-up time is from process start to that first 200.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final ManagedProcess process;
    private final int port;
    private final List<String> jvmFlags;
    private final Duration startup;

    private ChildJvm(String name, ManagedProcess process, int port, List<String> jvmFlags, Duration startup) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.startup = startup;
    }

    /** {@code launch} is what follows the JVM flags: {@code -jar x.jar} or {@code -cp ... MainClass}. */
    public static ChildJvm start(String name, List<String> jvmFlags, List<String> launch, int port,
                                 Map<String, String> environment, String healthPath, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmFlags);
        command.addAll(launch);
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        ManagedProcess process = ManagedProcess.start(name, command, env, workDir, workDir.resolve(name + ".log"));
        String health = "http://127.0.0.1:" + port + healthPath;
        Duration startup = process.awaitReady(() -> answers200(health), READY_TIMEOUT);
        return new ChildJvm(name, process, port, jvmFlags, startup);
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean answers200(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Duration startup() {
        return startup;
    }

    public List<String> jvmFlags() {
        return jvmFlags;
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        process.close();
    }
}
