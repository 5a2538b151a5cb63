package io.checkoutrelay.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command as an operator runs it, against a real broker on which every declared topic was
 * created by the same code ({@code RealInfrastructure} provisions the local layout: 6 partitions,
 * one replica).
 */
@ExtendWith(RealInfrastructure.class)
class TopicsCommandTest {

    @Test
    void verifyPassesWhenEveryDeclaredTopicIsThere(Infrastructure infra) {
        Result result = run(infra, "verify");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        for (TopicSpec topic : Topics.all()) {
            assertThat(result.out()).contains("ok       " + topic.name());
        }
        assertThat(result.out()).contains("summary: 0 created, " + Topics.all().size() + " ok, 0 drift, 0 failed");
    }

    @Test
    void createTwiceCreatesNothingTheSecondTime(Infrastructure infra) {
        run(infra, "create");
        Result second = run(infra, "create");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("summary: 0 created, " + Topics.all().size() + " ok");
    }

    @Test
    void anotherPartitionCountFailsNamingTopicExpectedAndActualAndChangesNothing(Infrastructure infra)
            throws Exception {
        Result result = run(infra, "create", "--topics.partitions=12");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("MISMATCH amazon.checkout.captured.v1: expected 12 partitions, actual 6")
                .contains("MISMATCH crm-importer.ledger.v1: expected 12 partitions, actual 6")
                .contains(Topics.all().size() + " failed");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(Topics.CHECKOUT_CAPTURED.name())).allTopicNames().get()
                    .get(Topics.CHECKOUT_CAPTURED.name()).partitions()).as("partitions never changed").hasSize(6);
        }
    }

    @Test
    void aReplicationFactorOtherThanDeclaredIsReportedAsDrift(Infrastructure infra) {
        Result result = run(infra, "verify", "--topics.replication-factor=3", "--topics.min-insync-replicas=1");

        assertThat(result.exitCode()).as("drift is reported, not fatal: " + result).isZero();
        assertThat(result.out()).contains("drift    checkout.status.v1: replication factor expected 3, actual 1");
    }

    @Test
    void aLayoutThatCannotBeRefusedNamingTheSetting(Infrastructure infra) {
        Result result = run(infra, "verify", "--topics.min-insync-replicas=4");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("topics.min-insync-replicas (TOPICS_MIN_INSYNC_REPLICAS) must be between 1"
                + " and the replication factor 1, not 4");
    }

    @Test
    void anUnknownActionIsRefusedWithTheUsage(Infrastructure infra) {
        Result result = run(infra, "delete");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("unknown action 'delete'").contains("usage: java -jar topics.jar create|verify");
    }

    private static Result run(Infrastructure infra, String action, String... settings) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String setting : List.of("--spring.kafka.bootstrap-servers=" + infra.bootstrapServers(),
                "--topics.partitions=6", "--topics.replication-factor=1", "--topics.min-insync-replicas=1")) {
            given.put(setting.substring(0, setting.indexOf('=')), setting);
        }
        for (String setting : settings) { // a test's own setting replaces the local layout's
            given.put(setting.substring(0, setting.indexOf('=')), setting);
        }
        List<String> args = new ArrayList<>(List.of(action));
        args.addAll(given.values());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TopicsCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String out, String err) {
    }
}
