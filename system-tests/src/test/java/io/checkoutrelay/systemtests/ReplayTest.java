package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator replays UNAVAILABLE declines with the replay command (its own process), after the CRM
 * is back: the checkout is imported once, and a second replay changes nothing. The importer runs with
 * a short retry budget here, so that an outage ends in a decline within seconds.
 */
@ExtendWith(SystemExtension.class)
class ReplayTest {

    private static final Map<String, String> SHORT_RETRY_BUDGET = Map.of(
            "CRMIMPORTER_RETRY_MAXRETRIES", "2",
            "CRMIMPORTER_RETRY_INITIALBACKOFF", "100ms",
            "CRMIMPORTER_RETRY_SETTLEDELAY", "1s",
            "CRMIMPORTER_CHECKOUTCHAMP_REQUESTTIMEOUT", "3s");

    @BeforeAll
    static void importerWithAShortRetryBudget(RunningSystem system) {
        system.stop("crm-importer", Duration.ofSeconds(90));
        system.startService("crm-importer", SHORT_RETRY_BUDGET);
    }

    @AfterAll
    static void importerAsUsual(RunningSystem system) {
        new Sandbox(system.sandboxUrl()).settings("{\"crm.outage\": false}");
        system.stop("crm-importer", Duration.ofSeconds(90));
        system.startService("crm-importer");
    }

    @Test
    void aCheckoutDeclinedDuringACrmOutageIsImportedOnceByAReplay(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);
        crm.settings("{\"crm.outage\": true}");
        try {
            assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
            JsonNode declined = lander.awaitFinal(checkoutId, Duration.ofSeconds(60));
            assertThat(declined.path("status").asText()).as(declined.toString()).isEqualTo("DECLINED");
            assertThat(declined.path("decline").path("class").asText()).isEqualTo("UNAVAILABLE");
        } finally {
            crm.settings("{\"crm.outage\": false}");
        }
        assertThat(crm.ordersPaidWith(reference)).as("no order while the CRM was down").isEmpty();

        OperatorReplay.Result dryRun = new OperatorReplay(system).run("declined", "--checkout", checkoutId, "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.lines("would replay")).as(dryRun.output()).hasSize(1);

        OperatorReplay.Result replay = new OperatorReplay(system).run("declined", "--checkout", checkoutId);
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.lines("replayed")).as(replay.output()).singleElement().asString()
                .contains(checkoutId).contains("UNAVAILABLE retry_budget_exhausted").contains("amazon.checkout.enriched.v1");
        JsonNode imported = awaitStatus(lander, checkoutId, "IMPORTED");
        assertExactlyOneOrder(crm, reference, imported.path("crmOrderId").asText());

        OperatorReplay.Result again = new OperatorReplay(system).run("declined", "--checkout", checkoutId);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.lines("replayed")).as(again.output()).isEmpty();
        assertThat(again.lines("skipped")).as(again.output()).singleElement().asString().contains("already IMPORTED");
        assertExactlyOneOrder(crm, reference, imported.path("crmOrderId").asText());
    }

    @Test
    void anImportOrderWhoseOutcomeWasUnknownIsSettledByOrderQueryNotSentAgain(RunningSystem system) {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);
        // the CRM completes the order at once but answers after the importer gave up waiting (3 s), and
        // Order Query is down until the retry budget is spent: the outcome stays unknown
        crm.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + reference + "\"},"
                + "\"respond\":{\"delayMillis\":5000,\"afterApply\":true}}");
        crm.rule("{\"endpoint\":\"order/query\",\"times\":50,\"respond\":{\"status\":503}}");
        try {
            assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
            JsonNode declined = lander.awaitFinal(checkoutId, Duration.ofSeconds(60));
            assertThat(declined.path("status").asText()).as(declined.toString()).isEqualTo("DECLINED");
            assertThat(declined.path("decline").path("class").asText()).isEqualTo("UNAVAILABLE");
        } finally {
            crm.deleteRules();
        }
        List<JsonNode> orders = crm.ordersPaidWith(reference);
        assertThat(orders).as("the CRM made the sale the importer could not confirm").hasSize(1);
        assertThat(orders.get(0).path("orderStatus").asText()).isEqualTo("COMPLETE");

        OperatorReplay.Result replay = new OperatorReplay(system).run("declined", "--checkout", checkoutId);
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.lines("replayed")).as(replay.output()).hasSize(1);
        JsonNode imported = awaitStatus(lander, checkoutId, "IMPORTED");
        assertExactlyOneOrder(crm, reference, imported.path("crmOrderId").asText());
        assertThat(crm.order(imported.path("crmOrderId").asText()).path("importOrderCalls").asInt())
                .as("Import Order calls: the replay asked Order Query instead of sending it again").isEqualTo(1);

        OperatorReplay.Result again = new OperatorReplay(system).run("declined", "--checkout", checkoutId);
        assertThat(again.lines("replayed")).as(again.output()).isEmpty();
        assertExactlyOneOrder(crm, reference, imported.path("crmOrderId").asText());
    }

    @Test
    void aDeclinedRecordGonePastRetentionIsReportedMissingNotSkipped(RunningSystem system) throws Exception {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);
        crm.settings("{\"crm.outage\": true}");
        try {
            assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
            assertThat(lander.awaitFinal(checkoutId, Duration.ofSeconds(60)).path("status").asText()).isEqualTo("DECLINED");
        } finally {
            crm.settings("{\"crm.outage\": false}");
        }
        OperatorReplay.Result dryRun = new OperatorReplay(system).run("declined", "--checkout", checkoutId, "--dry-run");
        String source = dryRun.lines("would replay").get(0);
        String position = source.substring(source.lastIndexOf("; ") + 2, source.lastIndexOf(" -> "));
        int partition = Integer.parseInt(position.substring(position.lastIndexOf('-') + 1, position.indexOf('@')));
        long offset = Long.parseLong(position.substring(position.indexOf('@') + 1));
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", system.bootstrapServers()))) {
            // what retention does after 6 hours
            admin.deleteRecords(Map.of(new TopicPartition("amazon.checkout.enriched.v1", partition),
                    RecordsToDelete.beforeOffset(offset + 1))).all().get();
        }
        OperatorReplay.Result replay = new OperatorReplay(system).run("declined", "--checkout", checkoutId);
        assertThat(replay.exitCode()).as(replay.output()).isEqualTo(1);
        assertThat(replay.lines("missing")).as(replay.output()).singleElement().asString()
                .contains(checkoutId).contains("gone past the topic's retention").contains("submit the checkout again");
        assertThat(lander.status(checkoutId, 0).path("status").asText()).isEqualTo("DECLINED");
        assertThat(crm.ordersPaidWith(reference)).isEmpty();
    }

    @Test
    void refusesWhatAReplayCannotFixAndNamesBadArguments(RunningSystem system) {
        OperatorReplay.Result consent = new OperatorReplay(system).run("declined", "--since", "2026-01-01T00:00:00Z",
                "--class", "CUSTOMER_ACTION");
        assertThat(consent.exitCode()).isEqualTo(2);
        assertThat(consent.output()).contains("--class CUSTOMER_ACTION cannot be replayed").contains("buyer");
        OperatorReplay.Result badInstant = new OperatorReplay(system).run("declined", "--since", "yesterday");
        assertThat(badInstant.exitCode()).isEqualTo(2);
        assertThat(badInstant.output()).contains("--since yesterday is not an ISO-8601 instant");
        OperatorReplay.Result unknown = new OperatorReplay(system).run("declined", "--checkout",
                checkoutId(newOrderReference()));
        assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(1);
        assertThat(unknown.lines("missing")).as(unknown.output()).singleElement().asString().contains("no decline");
    }

    /** The status API shows a settled status until a later one replaces it; wait for this one. */
    private static JsonNode awaitStatus(Lander lander, String checkoutId, String wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = lander.status(checkoutId, 2);
            if (wanted.equals(last.path("status").asText())) {
                return last;
            }
        }
        throw new AssertionError(checkoutId + " not " + wanted + " within 60 s; last: " + last);
    }

    private static void assertExactlyOneOrder(Sandbox crm, String reference, String crmOrderId) {
        List<JsonNode> orders = crm.ordersPaidWith(reference);
        assertThat(orders).as("CRM orders paid with " + reference).hasSize(1);
        assertThat(orders.get(0).path("orderId").asText()).isEqualTo(crmOrderId);
        assertThat(orders.get(0).path("orderStatus").asText()).isEqualTo("COMPLETE");
        assertThat(orders.get(0).path("completedImports").asInt()).as("successful Import Order calls").isEqualTo(1);
    }
}
