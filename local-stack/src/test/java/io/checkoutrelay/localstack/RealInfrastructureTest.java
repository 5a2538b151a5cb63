package io.checkoutrelay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealInfrastructureTest {

    @TempDir
    Path workDir;

    @Test
    void brokerAndRegistryServeRealTrafficAndStopByPid() throws Exception {
        long brokerPid;
        long registryPid;
        try (KafkaBroker broker = KafkaBroker.start(workDir.resolve("kafka"), FreePort.pick(), FreePort.pick());
             ApicurioRegistry registry = ApicurioRegistry.start(workDir.resolve("registry"), FreePort.pick())) {
            brokerPid = broker.process().pid();
            registryPid = registry.process().pid();

            assertThat(roundTrip(broker.bootstrapServers())).isEqualTo("hello");
            String info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(registry.apiUrl() + "/system/info")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(info).contains("\"version\":\"3.0.9\"");
            assertThat(broker.process().residentKiB()).isPositive();
        }
        assertThat(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
    }

    @Test
    void aProcessThatDiesBeforeItIsReadyFailsWithItsLog() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "/nonexistent", "no.such.Main");
        try (ManagedProcess process = ManagedProcess.start("doomed", command, Map.of(), workDir, workDir.resolve("doomed.log"))) {
            assertThatThrownBy(() -> process.awaitReady(() -> false, Duration.ofSeconds(20)))
                    .hasMessageContaining("doomed exited with code")
                    .hasMessageContaining("no.such.Main");
        }
    }

    private static String roundTrip(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("probe", Optional.of(1), Optional.empty()))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("probe", "k", "hello")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "key.deserializer", StringDeserializer.class.getName(), "value.deserializer", StringDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition("probe", 0);
            consumer.assign(Set.of(partition));
            consumer.seekToBeginning(Set.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
        }
        return null;
    }
}
