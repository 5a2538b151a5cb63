package io.checkoutrelay.importer.flow;

import static io.checkoutrelay.importer.support.TestCheckouts.line;
import static io.checkoutrelay.importer.support.TestCheckouts.newCheckout;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.checkoutrelay.importer.support.ImporterProcess;
import io.checkoutrelay.importer.support.KafkaTestClient;
import io.checkoutrelay.importer.support.RunningImporter;
import io.checkoutrelay.importer.support.RunningSandbox;
import io.checkoutrelay.importer.support.SandboxCrm;
import io.checkoutrelay.importer.support.TestCheckouts;
import io.checkoutrelay.importer.support.TestCheckouts.Checkout;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.OrderImported;
import io.checkoutrelay.schemas.topic.Topics;
import tools.jackson.databind.JsonNode;

/**
 * The importer process is killed (SIGKILL) after the CRM charged the order and before the answer
 * reached it; a restarted importer (same group, same ledger) finds SUBMITTING in the ledger and
 * settles it by Order Query.
 */
@ExtendWith({RealInfrastructure.class, RunningSandbox.class})
class CrashRecoveryTest {

    private static final String INPUT = "crash.checkout.enriched.v1";

    @Test
    void killedAfterSendingImportOrderThenRestartedMakesExactlyOneOrder(Infrastructure infra, SandboxCrm sandbox)
            throws Exception {
        Checkout checkout = newCheckout();
        // the CRM charges at once but answers only 30 s later: the importer is killed while it waits
        sandbox.rule("{\"endpoint\":\"order/import\",\"match\":{\"amazonOrderId\":\"" + checkout.orderReferenceId()
                + "\"},\"times\":1,\"respond\":{\"delayMillis\":30000,\"afterApply\":true}}");
        Path work = Files.createTempDirectory("crm-importer-crash-");
        try (KafkaTestClient kafka = new KafkaTestClient(infra)) {
            RunningImporter.provisionOwnTopics(infra, INPUT, 3);
            Map<String, Object> settings = RunningImporter.settings(infra, sandbox, INPUT);
            // longer than the first importer lives after sending (it is killed once the CRM charged); the
            // restarted one waits this long after the SUBMITTING write before it asks Order Query
            settings.put("crm-importer.checkoutchamp.request-timeout", "20s");
            settings.put("crm-importer.consumer.session-timeout", "6s");
            KafkaTestClient.Collector imported = kafka.collect(Topics.ORDER_IMPORTED.name(), false);

            try (ImporterProcess first = ImporterProcess.start("importer-1", settings, work)) {
                kafka.send(INPUT, checkout.checkoutId(), new TestCheckouts().order(checkout, 1,
                        List.of(line(101, 1, "19.95"))));
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.ordersPaidWith(
                        checkout.orderReferenceId()).stream().anyMatch(o -> "COMPLETE".equals(o.path("orderStatus").asString())));
                first.kill();
            }
            assertThat(imported.values(OrderImported.class, r -> r.getCheckoutId().equals(checkout.checkoutId())))
                    .isEmpty();

            // the restarted importer (here in this JVM: quicker to start than a second child process)
            try (RunningImporter second = RunningImporter.start(settings)) {
                OrderImported result = imported.await(OrderImported.class,
                        r -> r.getCheckoutId().equals(checkout.checkoutId()), 1, Duration.ofSeconds(90)).get(0);
                assertThat(result.getSettledByQuery()).isTrue();
                assertThat(sandbox.calls("order/import", "amazonOrderId", checkout.orderReferenceId())).hasSize(1);
                assertThat(sandbox.calls("order/query", "orderId", result.getCrmOrderId())).isNotEmpty();
                List<JsonNode> paid = sandbox.ordersPaidWith(checkout.orderReferenceId());
                assertThat(paid).hasSize(1);
                assertThat(paid.get(0).path("orderId").asString()).isEqualTo(result.getCrmOrderId());
                assertThat(paid.get(0).path("completedImports").asInt()).isEqualTo(1);
            }
        }
    }
}
