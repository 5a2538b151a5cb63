package io.checkoutrelay.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.Checkouts;
import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.intake.support.Statuses;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.identity.CheckoutIds;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two intake replicas on one broker: the order is posted to one, the importer's final status is read
 * through a long poll on the other, and the second replica knows the checkout for resubmissions and upsells.
 */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicaStatusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunningIntake first;
    private RunningIntake second;

    @BeforeAll
    void startSecondReplica(SharedIntake.Instance shared) {
        first = shared.intake();
        Map<String, String> settings = RunningIntake.settings(shared.infra(), shared.tokenKeys());
        settings.put("intake.status.upsell-grace", "5s");
        second = RunningIntake.start(settings);
    }

    @AfterAll
    void stopSecondReplica() {
        second.close();
    }

    @Test
    void anyReplicaAnswersWithTheFinalStatus(SharedIntake.Instance shared) throws Exception {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        assertThat(first.postJson("/v1/checkouts", Checkouts.order(reference)).statusCode()).isEqualTo(202);

        CompletableFuture<HttpResponse<String>> polling = CompletableFuture.supplyAsync(
                () -> second.get("/v1/checkouts/" + checkoutId + "?waitSeconds=25"));
        Thread.sleep(1000);
        assertThat(polling).isNotDone();
        // the importer's progress, as it writes it
        Topic.writeStatus(shared.infra(), Statuses.base(checkoutId, 1, CheckoutStatus.IMPORTING).build());
        Topic.writeStatus(shared.infra(), Statuses.imported(checkoutId, 1, "CRM-77"));
        HttpResponse<String> answer = polling.get(10, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("checkoutId").asString()).isEqualTo(checkoutId);
        assertThat(body.path("status").asString()).isEqualTo("IMPORTED");
        assertThat(body.path("crmOrderId").asString()).isEqualTo("CRM-77");
        // a late duplicate of an earlier stage does not move it back
        CheckoutStatusChanged lateEnriched = Statuses.base(checkoutId, 1, CheckoutStatus.ENRICHED).build();
        lateEnriched.setChangedBy("profile-enricher");
        Topic.writeStatus(shared.infra(), lateEnriched);
        Thread.sleep(500);
        assertThat(JSON.readTree(first.get("/v1/checkouts/" + checkoutId).body()).path("status").asString())
                .isEqualTo("IMPORTED");
        // the second replica treats a resubmission as the duplicate it is
        assertThat(second.postJson("/v1/checkouts", Checkouts.order(reference)).statusCode()).isEqualTo(200);
    }

    @Test
    void upsellPostedToTheOtherReplicaRightAfterTheOrderIsAccepted(SharedIntake.Instance shared) {
        String reference = Checkouts.newOrderReferenceId();
        String checkoutId = CheckoutIds.checkoutId(reference);
        assertThat(first.postJson("/v1/checkouts", Checkouts.order(reference)).statusCode()).isEqualTo(202);
        HttpResponse<String> upsell = second.postJson("/v1/checkouts/" + checkoutId + "/upsells",
                Checkouts.upsell(Checkouts.newOrderReferenceId()));
        assertThat(upsell.statusCode()).isEqualTo(202);
    }
}
