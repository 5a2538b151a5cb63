package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static io.checkoutrelay.systemtests.Checkouts.upsell;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkoutrelay.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator relies on to follow one checkout: one trace per submission (the order, each
 * upsell) from the intake's POST through the enricher and the importer, carried as W3C
 * {@code traceparent} in every record, and JSON log lines (LOG_FORMAT=json, as the Helm chart runs
 * the services) that carry the checkoutId and that trace id. No access token in any log.
 */
@ExtendWith(SystemExtension.class)
class TracingAndLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FINAL_WITHIN = Duration.ofSeconds(60);
    private static final List<String> TRACED_TOPICS = List.of(Topics.CHECKOUT_CAPTURED.name(),
            Topics.CHECKOUT_ENRICHED.name(), Topics.ORDER_IMPORTED.name(), Topics.CHECKOUT_STATUS.name());

    @Test
    void aCheckoutAndItsUpsellAreEachOneTraceThroughRecordsAndLogs(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);
        String orderToken = token("");
        String upsellToken = token("");

        assertThat(lander.postCheckout(order(reference, orderToken, 101)).status()).isEqualTo(202);
        assertThat(lander.postUpsell(checkoutId, upsell(newOrderReference(), upsellToken, 205)).status())
                .isEqualTo(202);
        JsonNode status = lander.awaitFinal(checkoutId, FINAL_WITHIN);
        assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
        assertThat(status.path("upsells").path(0).path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");

        // the importer's IMPORTED status and its imported record leave together: read until both are there
        List<String> submissionTraces = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            submissionTraces.clear();
            submissionTraces.addAll(assertOneTracePerSubmission(recordsOf(system, checkoutId), checkoutId));
        });
        String orderTrace = submissionTraces.get(0);
        String upsellTrace = submissionTraces.get(1);

        // a stage logs its outcome just after publishing it: give the last lines a moment
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String service : RunningSystem.SERVICES) {
                List<JsonNode> lines = jsonLines(system.serviceLog(service));
                List<JsonNode> aboutCheckout = lines.stream()
                        .filter(line -> checkoutId.equals(line.path("checkoutId").asText())).toList();
                Set<String> traces = new HashSet<>();
                aboutCheckout.forEach(line -> traces.add(line.path("traceId").asText()));
                assertThat(traces).as(service + ": trace ids of the log lines with checkoutId " + checkoutId)
                        .containsExactlyInAnyOrder(orderTrace, upsellTrace);
                for (JsonNode line : lines) {
                    if (logger(line).startsWith("io.checkoutrelay.") && message(line).contains(checkoutId)) {
                        assertThat(line.path("checkoutId").asText()).as(service + " line without its checkoutId field: " + line)
                                .isEqualTo(checkoutId);
                        assertThat(line.path("traceId").asText()).as(service + " line without its traceId: " + line)
                                .isIn(orderTrace, upsellTrace);
                    }
                }
            }
        });

        for (String service : RunningSystem.SERVICES) {
            String log = read(system.serviceLog(service));
            assertThat(log).as(service + " log").doesNotContain(orderToken).doesNotContain(upsellToken)
                    .doesNotContain("IwEBIsystemtest");
        }
    }

    /** The order's trace id and the upsell's, after checking every record of the checkout carries one of them. */
    private static List<String> assertOneTracePerSubmission(Map<String, List<ConsumerRecord<String, byte[]>>> records,
            String checkoutId) {
        String orderTrace = traceIdsOf(onlyKey(records.get(Topics.CHECKOUT_STATUS.name()), checkoutId));
        String upsellTrace = traceIdsOf(records.get(Topics.CHECKOUT_STATUS.name()).stream()
                .filter(r -> r.key().startsWith(checkoutId + ":")).toList());
        assertThat(orderTrace).as("the order and the upsell are separate requests").isNotEqualTo(upsellTrace);
        for (String topic : TRACED_TOPICS) {
            List<ConsumerRecord<String, byte[]>> ofTopic = records.get(topic);
            assertThat(ofTopic).as(topic + ": the order's and the upsell's records").hasSizeGreaterThanOrEqualTo(2);
            Set<String> traces = new HashSet<>();
            ofTopic.forEach(r -> traces.add(traceIdOf(r)));
            assertThat(traces).as(topic + ": trace ids of " + checkoutId).containsExactlyInAnyOrder(orderTrace, upsellTrace);
        }

        return List.of(orderTrace, upsellTrace);
    }

    /** This checkout's records on the traced topics: keyed by its checkoutId (an upsell's status: checkoutId:upsellId). */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> recordsOf(RunningSystem system, String checkoutId) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers());
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, "tracing-test-" + UUID.randomUUID());
        configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, List<ConsumerRecord<String, byte[]>>> found = new HashMap<>();
        TRACED_TOPICS.forEach(topic -> found.put(topic, new ArrayList<>()));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(configs)) {
            List<TopicPartition> partitions = new ArrayList<>();
            TRACED_TOPICS.forEach(topic -> consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("read the traced topics to their end").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && (record.key().equals(checkoutId) || record.key().startsWith(checkoutId + ":"))) {
                        found.get(record.topic()).add(record);
                    }
                }
            }
        }
        return found;
    }

    private static List<ConsumerRecord<String, byte[]>> onlyKey(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).toList();
    }

    /** The one trace id these records share. */
    private static String traceIdsOf(List<ConsumerRecord<String, byte[]>> records) {
        assertThat(records).isNotEmpty();
        Set<String> traces = new HashSet<>();
        records.forEach(r -> traces.add(traceIdOf(r)));
        assertThat(traces).as("trace ids of " + records.size() + " records keyed " + records.get(0).key()).hasSize(1);
        return traces.iterator().next();
    }

    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        List<Header> traceparents = new ArrayList<>();
        record.headers().headers("traceparent").forEach(traceparents::add);
        assertThat(traceparents).as("traceparent headers of " + record.topic() + "@" + record.offset()).hasSize(1);
        String traceparent = new String(traceparents.get(0).value(), StandardCharsets.UTF_8);
        assertThat(traceparent).as(record.topic() + " traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    /** The JSON lines of a service log, nested objects flattened to dotted names (ECS nests log.logger). */
    private static List<JsonNode> jsonLines(Path log) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : read(log).split("\n")) {
            if (line.startsWith("{")) {
                try {
                    lines.add(flatten(JSON.readTree(line)));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON log line in " + log + ": " + line, e);
                }
            }
        }
        assertThat(lines).as("JSON lines in " + log).isNotEmpty();
        return lines;
    }

    private static JsonNode flatten(JsonNode node) {
        com.fasterxml.jackson.databind.node.ObjectNode flat = JSON.createObjectNode();
        flattenInto(flat, "", node);
        return flat;
    }

    private static void flattenInto(com.fasterxml.jackson.databind.node.ObjectNode flat, String prefix, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix + field.getKey();
            if (field.getValue().isObject()) {
                flattenInto(flat, name + ".", field.getValue());
            } else {
                flat.set(name, field.getValue());
            }
        }
    }

    private static String logger(JsonNode line) {
        return line.path("log.logger").asText();
    }

    private static String message(JsonNode line) {
        return line.path("message").asText();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
