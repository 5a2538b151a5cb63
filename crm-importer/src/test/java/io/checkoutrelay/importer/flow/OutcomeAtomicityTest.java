package io.checkoutrelay.importer.flow;

import static io.checkoutrelay.importer.support.TestCheckouts.line;
import static io.checkoutrelay.importer.support.TestCheckouts.newCheckout;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.checkoutrelay.importer.ledger.LedgerEntry;
import io.checkoutrelay.importer.support.KafkaTestClient;
import io.checkoutrelay.importer.support.RunningImporter;
import io.checkoutrelay.importer.support.RunningSandbox;
import io.checkoutrelay.importer.support.SandboxCrm;
import io.checkoutrelay.importer.support.TestCheckouts;
import io.checkoutrelay.importer.support.TestCheckouts.Checkout;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.topic.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12 problem 3: the result event used to be published before the ledger's final state was
 * written; when that write failed (or the importer crashed in between) the record ran again, found
 * SUBMITTING, settled by Order Query and published a second result. Here the ledger refuses the final
 * state (its batches are capped just above a SUBMITTING entry, below any DECLINED one) until the cap is
 * lifted: a read_committed reader must see no result meanwhile, and exactly one afterwards, with the
 * class and reason the CRM gave.
 */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class})
class OutcomeAtomicityTest {

    @Test
    void noResultIsVisibleUntilTheLedgersFinalStateIsWrittenWithItAndThenExactlyOne(Infrastructure infra,
            SandboxCrm sandbox) throws Exception {
        String input = "atomic-" + UUID.randomUUID().toString().substring(0, 8) + ".checkout.enriched.v1";
        String ledger = input + ".ledger";
        Checkout checkout = newCheckout();
        try (KafkaTestClient kafka = new KafkaTestClient(infra);
             Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            RunningImporter.provisionOwnTopics(infra, input, 3);
            try (RunningImporter importer = RunningImporter.start(RunningImporter.settings(infra, sandbox, input))) {
                JsonMapper json = importer.context().getBean(JsonMapper.class);
                // the sandbox's CRM order ids have 10 characters
                LedgerEntry submitting = LedgerEntry.lead(checkout.checkoutId(), "ABCDEFGHIJ", 1).submitting(1);
                LedgerEntry smallestDecline = submitting.declined("TERMINAL", "crm_declined", false);
                int key = checkout.checkoutId().getBytes(StandardCharsets.UTF_8).length;
                int submittingSize = json.writeValueAsString(submitting).length();
                assertThat(json.writeValueAsString(smallestDecline).length() - submittingSize).isGreaterThanOrEqualTo(12);
                // a batch of one record without headers: 61 bytes of batch header, 9 of record framing
                int cap = 61 + 9 + key + submittingSize + 6;
                maxMessageBytes(admin, ledger, Integer.toString(cap));

                KafkaTestClient.Collector results = kafka.collect(Topics.ORDER_DECLINED.name(), false);
                // product 9001: the CRM declines with InvalidPaymentMethod
                kafka.send(input, checkout.checkoutId(),
                        new TestCheckouts().order(checkout, 1, List.of(line(9001, 1, "10.00"))));
                // lead, SUBMITTING, Import Order declined, then the final state refused, the record run again, ...
                Thread.sleep(10_000);
                assertThat(results.values(OrderDeclined.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                        .as("a result without the ledger's final state")
                        .isEmpty();

                maxMessageBytes(admin, ledger, "1048588");
                results.await(OrderDeclined.class, r -> r.getCheckoutId().equals(checkout.checkoutId()), 1,
                        Duration.ofSeconds(60));
                Thread.sleep(5000);
                List<OrderDeclined> seen = results.values(OrderDeclined.class, r -> r.getCheckoutId().equals(checkout.checkoutId()));
                assertThat(seen).as("result events of the checkout's attempt 1").hasSize(1);
                assertThat(seen.get(0).getAttempt()).isEqualTo(1);
                // the record ran again from SUBMITTING, where Order Query reads DECLINED but not why: the
                // decline keeps the class and reason the CRM gave (the buyer may pick another card), not TERMINAL
                assertThat(seen.get(0).getDecline().getDeclineClass()).isEqualTo(DeclineClass.CUSTOMER_ACTION);
                assertThat(seen.get(0).getDecline().getReason()).isEqualTo("InvalidPaymentMethod");
                assertThat(sandbox.ordersPaidWith(checkout.orderReferenceId()))
                        .extracting(order -> order.path("completedImports").asInt()).containsOnly(0);
            }
        }
    }

    private static void maxMessageBytes(Admin admin, String topic, String value) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET))))
                .all().get();
    }
}
