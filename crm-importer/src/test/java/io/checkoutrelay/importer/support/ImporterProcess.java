package io.checkoutrelay.importer.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.importer.CrmImporterApplication;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.ManagedProcess;

/** The importer in a child JVM (the test classpath), so a test can kill it with SIGKILL mid-import. */
public final class ImporterProcess implements AutoCloseable {

    private final ManagedProcess process;

    private ImporterProcess(ManagedProcess process) {
        this.process = process;
    }

    public static ImporterProcess start(String name, Map<String, Object> settings, Path workDir) {
        int port = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), CrmImporterApplication.class.getName()));
        settings.forEach((key, value) -> {
            if (!"server.port".equals(key)) {
                command.add("--" + key + "=" + value);
            }
        });
        command.add("--server.port=" + port);
        ManagedProcess process = ManagedProcess.start(name, command, Map.of(), workDir, workDir.resolve(name + ".log"));
        HttpClient http = HttpClient.newHttpClient();
        process.awaitReady(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(120));
        return new ImporterProcess(process);
    }

    /** SIGKILL: no shutdown hook, no flush, no offset commit. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
