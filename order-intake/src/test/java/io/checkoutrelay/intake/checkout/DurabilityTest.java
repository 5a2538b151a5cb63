package io.checkoutrelay.intake.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import io.checkoutrelay.schemas.topic.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durability rule with the ACCEPTED status written after the 202: the answer waits for the
 * broker's acknowledgement of the captured record only, and nothing, neither the answer, nor the
 * status view, nor the status topic, says ACCEPTED for a captured record the broker did not
 * acknowledge.
 */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DurabilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Infrastructure infra;
    private RunningIntake intake;

    @BeforeAll
    void connect(SharedIntake.Instance shared) {
        this.infra = shared.infra();
        this.intake = shared.intake();
    }

    @Test
    void checkoutTheBrokerCannotStoreWithAcksAllIsNeitherAcceptedNorEverShownAsAccepted() {
        String refused = Checkouts.newOrderReferenceId();
        String refusedId = CheckoutIds.checkoutId(refused);
        HttpResponse<String> answer;
        // the broker refuses every captured record (larger than the topic allows) while the status topic
        // stays writable, so a status sent too early would be there to see
        setCapturedMaxMessageBytes("64");
        try {
            answer = intake.postJson("/v1/checkouts", Checkouts.order(refused));
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(intake.get("/v1/checkouts/" + refusedId).statusCode()).isEqualTo(404);
        } finally {
            setCapturedMaxMessageBytes(null);
        }

        // a checkout accepted afterwards gets its ACCEPTED status; the refused one never does
        String later = Checkouts.newOrderReferenceId();
        String laterId = CheckoutIds.checkoutId(later);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> intake.postJson("/v1/checkouts", Checkouts.order(later)).statusCode() == 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !statuses(laterId).isEmpty());
        assertThat(statuses(refusedId)).isEmpty();
        assertThat(Topic.<AmazonCheckoutCaptured>recordsWithKey(infra, Topics.CHECKOUT_CAPTURED.name(), refusedId))
                .isEmpty();
        assertThat(intake.get("/v1/checkouts/" + refusedId).statusCode()).isEqualTo(404);
        // not remembered: sent again, it is a first attempt, not a 200 duplicate
        HttpResponse<String> again = intake.postJson("/v1/checkouts", Checkouts.order(refused));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).path("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void statusPolledRightAfterThe202IsAcceptedAndItsCapturedRecordIsAlreadyStored() throws Exception {
        int checkouts = 40;
        ExecutorService landers = Executors.newFixedThreadPool(8);
        List<Future<Polled>> polls = new ArrayList<>();
        try {
            for (int i = 0; i < checkouts; i++) {
                String reference = Checkouts.newOrderReferenceId();
                polls.add(landers.submit(() -> {
                    HttpResponse<String> accepted = intake.postJson("/v1/checkouts", Checkouts.order(reference));
                    String checkoutId = CheckoutIds.checkoutId(reference);
                    HttpResponse<String> status = intake.get("/v1/checkouts/" + checkoutId);
                    return new Polled(checkoutId, accepted.statusCode(), status.statusCode(),
                            JSON.readTree(status.body()).path("status").asString());
                }));
            }
            List<Polled> polled = new ArrayList<>();
            for (Future<Polled> poll : polls) {
                polled.add(poll.get());
            }

            assertThat(polled).allSatisfy(p -> {
                assertThat(p.post()).isEqualTo(202);
                assertThat(p.get()).isEqualTo(200);
                assertThat(p.status()).isEqualTo("ACCEPTED");
            });
            List<String> stored = Topic.rawRecords(infra, Topics.CHECKOUT_CAPTURED.name()).stream()
                    .map(r -> new String(r.key())).toList();
            assertThat(stored).containsAll(polled.stream().map(Polled::checkoutId).toList());
            // and the ACCEPTED status of each follows in the status topic (written after the 202)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Collection<String> accepted = Topic.<CheckoutStatusChanged>records(infra,
                                Topics.CHECKOUT_STATUS.name()).stream()
                        .filter(s -> s.getStatus() == CheckoutStatus.ACCEPTED)
                        .map(CheckoutStatusChanged::getCheckoutId).toList();
                assertThat(accepted).containsAll(polled.stream().map(Polled::checkoutId).toList());
            });
        } finally {
            landers.shutdownNow();
        }
    }

    private record Polled(String checkoutId, int post, int get, String status) {
    }

    private List<CheckoutStatusChanged> statuses(String checkoutId) {
        return Topic.recordsWithKey(infra, Topics.CHECKOUT_STATUS.name(), checkoutId);
    }

    /** Sets the captured topic's max.message.bytes, or with null returns it to the broker's default. */
    private void setCapturedMaxMessageBytes(String value) {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CHECKOUT_CAPTURED.name());
        ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(entry,
                    value == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET)))).all().get();
            // the controller has it now; the broker applies it from the metadata log a moment later
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                ConfigEntry now = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                        .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                return value == null ? now.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                        : value.equals(now.value());
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not set max.message.bytes of the captured topic", e);
        }
    }
}
