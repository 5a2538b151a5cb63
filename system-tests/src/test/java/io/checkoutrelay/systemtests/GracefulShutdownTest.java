package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kubernetes stops the importer (SIGTERM, 90 s grace) while Import Order calls are in flight: it lets
 * them answer, records their outcomes, commits and exits 0; after the restart no checkout is sent to
 * the CRM a second time or needs an Order Query to find out what happened.
 */
@ExtendWith(SystemExtension.class)
class GracefulShutdownTest {

    private static final Duration IMPORTER_GRACE = Duration.ofSeconds(90);

    @Test
    void sigtermLetsInFlightCrmCallsFinishAndTheRestartSendsNothingTwice(RunningSystem system) throws Exception {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        List<String> references = new ArrayList<>();
        crm.settings("{\"crm.latency\": \"3s\"}");
        OptionalInt exitCode;
        long stoppedInMillis;
        try {
            for (int i = 0; i < 20; i++) {
                String reference = newOrderReference();
                references.add(reference);
                assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
            }
            awaitImportOrdersInFlight(crm, references, 3);
            long start = System.nanoTime();
            exitCode = system.stop("crm-importer", IMPORTER_GRACE);
            stoppedInMillis = (System.nanoTime() - start) / 1_000_000;
        } catch (RuntimeException | AssertionError | InterruptedException e) {
            if (!system.isRunning("crm-importer")) {
                system.startService("crm-importer");
            }
            throw e;
        } finally {
            crm.settings("{\"crm.latency\": \"0ms\"}");
        }
        List<JsonNode> sentBeforeStop = importOrderCalls(crm, references);
        system.startService("crm-importer");
        System.out.printf("importer stopped %d ms after SIGTERM with exit code %s; %d Import Order calls sent%n",
                stoppedInMillis, exitCode, sentBeforeStop.size());
        assertThat(exitCode).as("exit code after SIGTERM (empty: SIGKILLed after the grace period)").hasValue(0);
        assertThat(stoppedInMillis).as("ms from SIGTERM to exit").isLessThan(IMPORTER_GRACE.toMillis());
        assertThat(sentBeforeStop).as("Import Order calls sent before the stop").isNotEmpty();
        assertThat(sentBeforeStop).as("every Import Order sent before the stop was answered")
                .allSatisfy(call -> assertThat(call.path("status").isNull()).isFalse());
        Set<String> answeredOrders = new HashSet<>();
        sentBeforeStop.forEach(call -> answeredOrders.add(Sandbox.param(call, "orderId")));
        for (String reference : references) {
            JsonNode status = lander.awaitFinal(checkoutId(reference), Duration.ofSeconds(120));
            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
            List<JsonNode> orders = crm.ordersPaidWith(reference);
            assertThat(orders).as("CRM orders paid with " + reference).hasSize(1);
            assertThat(orders.get(0).path("completedImports").asInt()).isEqualTo(1);
            assertThat(orders.get(0).path("importOrderCalls").asInt()).as("Import Order calls").isEqualTo(1);
        }
        List<JsonNode> queries = new ArrayList<>();
        for (String orderId : answeredOrders) {
            queries.addAll(crm.crmCallsWith("orderId", orderId).stream()
                    .filter(call -> call.path("endpoint").asText().contains("order/query")).toList());
        }
        assertThat(queries).as("Order Query calls for orders whose Import Order was answered before the stop: "
                + "their outcome was recorded, nothing was left to find out").isEmpty();
    }

    private static void awaitImportOrdersInFlight(Sandbox crm, List<String> references, int atLeast)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long inFlight = importOrderCalls(crm, references).stream().filter(call -> call.path("status").isNull()).count();
            if (inFlight >= atLeast) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("never " + atLeast + " Import Order calls in flight at once");
    }

    private static List<JsonNode> importOrderCalls(Sandbox crm, List<String> references) {
        Set<String> ours = Set.copyOf(references);
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode call : crm.calls()) {
            if (call.path("endpoint").asText().contains("order/import") && ours.contains(Sandbox.param(call, "amazonOrderId"))) {
                calls.add(call);
            }
        }
        return calls;
    }
}
