package io.checkoutrelay.bench.kafkaperf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.checkoutrelay.bench.load.GeneratorProcess;
import io.checkoutrelay.localstack.Java;

/**
 * Kafka's own kafka-producer-perf-test (org.apache.kafka.tools.ProducerPerformance, the version of
 * the kafka-clients in use) as a child JVM against the same broker: records of the measured size,
 * acks=all, idempotent, linger 2 ms, as the intake's producer sends them.
 */
public final class ProducerPerfTest {

    public static final String TOPIC = "bench.producer-perf";
    public static final List<String> PRODUCER_PROPS = List.of("acks=all", "enable.idempotence=true", "linger.ms=2");

    private ProducerPerfTest() {
    }

    public static ProducerPerfResult run(String bootstrap, int recordSize, long records, Path workDir) {
        createTopic(bootstrap);
        List<String> command = new ArrayList<>(List.of(Java.executable(), "-Xmx256m", "-cp",
                GeneratorProcess.classpath(), "org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap));
        command.addAll(PRODUCER_PROPS);
        Path log = workDir.resolve("producer-perf-test.log");
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("producer perf test did not finish within 300 s; log " + log);
            }
            return ProducerPerfResult.parse(Files.readAllLines(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void createTopic(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(6), Optional.empty())))
                        .all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + TOPIC + ": " + e, e);
        }
    }
}
