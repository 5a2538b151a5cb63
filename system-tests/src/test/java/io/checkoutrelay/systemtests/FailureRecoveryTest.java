package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Outages and crashes: every checkout still ends in exactly one CRM order. */
@ExtendWith(SystemExtension.class)
class FailureRecoveryTest {

    @Test
    void checkoutsWaitThroughACrmOutageAndAllImportOnceItRecovers(RunningSystem system) throws Exception {
        Lander lander = new Lander(system.intakeUrl());
        Sandbox crm = new Sandbox(system.sandboxUrl());
        crm.settings("{\"crm.outage\": true}");
        List<String> references = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                String reference = newOrderReference();
                references.add(reference);
                assertThat(lander.postCheckout(order(reference, token(""), 101)).status()).isEqualTo(202);
            }
            TimeUnit.SECONDS.sleep(8);
            for (String reference : references) {
                JsonNode status = lander.status(checkoutId(reference), 0);
                assertThat(status.path("status").asText()).as("during the outage: " + status)
                        .isIn("ACCEPTED", "ENRICHED", "IMPORTING", "RETRYING");
            }
        } finally {
            crm.settings("{\"crm.outage\": false}");
        }
        for (String reference : references) {
            JsonNode status = lander.awaitFinal(checkoutId(reference), Duration.ofSeconds(120));
            assertThat(status.path("status").asText()).as(status.toString()).isEqualTo("IMPORTED");
            assertExactlyOneOrder(crm, reference, status.path("crmOrderId").asText());
        }
    }

    @Test
    void everyServiceKilledMidStreamLosesAndDoublesNothing(RunningSystem system) throws Exception {
        Sandbox crm = new Sandbox(system.sandboxUrl());
        crm.settings("{\"crm.latency\": \"50ms\", \"amazon.latency\": \"20ms\"}");
        Map<String, String> submitted = new ConcurrentHashMap<>();
        ExecutorService landers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> posting = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String reference = newOrderReference();
                String body = order(reference, token(""), 101);
                posting.add(landers.submit(() -> {
                    postUntilAccepted(system, body);
                    submitted.put(reference, checkoutId(reference));
                    TimeUnit.MILLISECONDS.sleep(40);
                    return null;
                }));
            }
            for (String service : List.of("profile-enricher", "crm-importer", "order-intake")) {
                TimeUnit.SECONDS.sleep(3);
                system.kill(service);
                TimeUnit.SECONDS.sleep(2);
                system.startService(service);
            }
            for (Future<?> post : posting) {
                post.get(5, TimeUnit.MINUTES);
            }
        } finally {
            landers.shutdownNow();
            crm.settings("{\"crm.latency\": \"0ms\", \"amazon.latency\": \"0ms\"}");
        }

        Lander lander = new Lander(system.intakeUrl());
        Map<String, String> notImported = new HashMap<>();
        submitted.forEach((reference, checkoutId) -> {
            JsonNode status = lander.awaitFinal(checkoutId, Duration.ofSeconds(180));
            if (!"IMPORTED".equals(status.path("status").asText())) {
                notImported.put(reference, status.toString());
            } else {
                assertExactlyOneOrder(crm, reference, status.path("crmOrderId").asText());
            }
        });
        assertThat(submitted).hasSize(300);
        assertThat(notImported).as("checkouts not imported").isEmpty();
    }

    /** What a lander does when the intake is unreachable or busy: send the same checkout again. */
    private static void postUntilAccepted(RunningSystem system, String body) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int status = new Lander(system.intakeUrl()).postCheckout(body).status();
                if (status == 202 || status == 200) {
                    return;
                }
            } catch (UncheckedIOException intakeDown) {
                // the intake is restarting
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("the intake never accepted " + body);
    }

    private static void assertExactlyOneOrder(Sandbox crm, String reference, String crmOrderId) {
        List<JsonNode> orders = crm.ordersPaidWith(reference);
        assertThat(orders).as("CRM orders paid with " + reference).hasSize(1);
        assertThat(orders.get(0).path("orderId").asText()).isEqualTo(crmOrderId);
        assertThat(orders.get(0).path("orderStatus").asText()).isEqualTo("COMPLETE");
        assertThat(orders.get(0).path("completedImports").asInt()).as("successful Import Order calls").isEqualTo(1);
    }
}
