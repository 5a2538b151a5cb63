package io.checkoutrelay.systemtests;

import static io.checkoutrelay.systemtests.Checkouts.checkoutId;
import static io.checkoutrelay.systemtests.Checkouts.newOrderReference;
import static io.checkoutrelay.systemtests.Checkouts.order;
import static io.checkoutrelay.systemtests.Checkouts.token;
import static io.checkoutrelay.systemtests.Checkouts.upsell;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analytics examples of docs/consuming-topics.md, run as written: the Java consumer
 * (docs/examples/java, compiled into this module's tests) in a JVM of its own, and the Python consumer
 * (docs/examples/python/consume_imported.py) with Debian's python3, each reading
 * crm.order.imported.v1 of the running system with read_committed. An order of two products and an
 * upsell are imported first; both programs must print them with the CRM's ids and decimal money.
 */
@ExtendWith(SystemExtension.class)
class ConsumingTopicsGuideTest {

    private static final Path EXAMPLES = Path.of("../docs/examples");
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @Test
    void theJavaAndPythonExamplesPrintTheImportedOrderAndUpsellWithDecimalMoney(RunningSystem system) throws Exception {
        DebianPython.requireConfluentClient();
        Lander lander = new Lander(system.intakeUrl());
        Sandbox sandbox = new Sandbox(system.sandboxUrl());
        String reference = newOrderReference();
        String checkoutId = checkoutId(reference);
        String buyerToken = token("");
        assertThat(lander.postCheckout(order(reference, buyerToken, 101, 102)).status()).isEqualTo(202);
        JsonNode ordered = lander.awaitFinal(checkoutId, Duration.ofSeconds(60));
        assertThat(ordered.path("status").asText()).as(ordered.toString()).isEqualTo("IMPORTED");
        String crmOrderId = ordered.path("crmOrderId").asText();
        String totalAfterOrder = sandbox.order(crmOrderId).path("totalAmount").asText();

        String upsellReference = newOrderReference();
        assertThat(lander.postUpsell(checkoutId, upsell(upsellReference, buyerToken, 205)).status()).isEqualTo(202);
        JsonNode upsold = lander.awaitFinal(checkoutId, Duration.ofSeconds(60));
        assertThat(upsold.path("upsells").path(0).path("status").asText()).as(upsold.toString()).isEqualTo("IMPORTED");
        String totalAfterUpsell = sandbox.order(crmOrderId).path("totalAmount").asText();
        String upsellId = upsold.path("upsells").path(0).path("upsellId").asText();

        String expectedOrder = "checkoutId=" + checkoutId + " kind=ORDER attempt=1 upsellId=null crmOrderId=" + crmOrderId;
        String expectedUpsell = "checkoutId=" + checkoutId + " kind=UPSELL attempt=1 upsellId=" + upsellId
                + " crmOrderId=" + crmOrderId;

        List<String> java;
        try (PrintingProcess consumer = PrintingProcess.start("java example", List.of(javaCommand(), "-cp",
                System.getProperty("java.class.path"), "io.checkoutrelay.examples.analytics.ImportedOrdersConsumer",
                system.bootstrapServers(), system.registryUrl(), "docs-java-" + UUID.randomUUID()))) {
            java = consumer.awaitLines(line -> line.startsWith("checkoutId=" + checkoutId + " "), 2, LIMIT);
        }
        List<String> python;
        try (PrintingProcess consumer = PrintingProcess.start("python example", List.of(DebianPython.PYTHON,
                EXAMPLES.resolve("python/consume_imported.py").toAbsolutePath().toString(),
                system.bootstrapServers(), system.confluentCompatibleUrl(), "docs-python-" + UUID.randomUUID()))) {
            python = consumer.awaitLines(line -> line.startsWith("checkoutId=" + checkoutId + " "), 2, LIMIT);
        }

        System.out.println("java example printed:\n" + String.join("\n", java)
                + "\npython example printed:\n" + String.join("\n", python));
        for (List<String> printed : List.of(java, python)) {
            String orderLine = line(printed, expectedOrder);
            assertThat(orderLine).contains(" amazonOrderReferenceId=" + reference + " ", " campaignId=12 ",
                    " crmOrderStatus=COMPLETE ", " items=[101 x1 @ 29.95, 102 x1 @ 29.95] ",
                    " totalAmount=" + totalAfterOrder + " ", " settledByQuery=false ");
            String upsellLine = line(printed, expectedUpsell);
            assertThat(upsellLine).contains(" items=[205 x1 @ 9.95] ", " totalAmount=" + totalAfterUpsell + " ");
            assertThat(String.join("\n", printed)).doesNotContain("Atza");
        }
        assertThat(python).as("Python decodes the same records to the same text as Java").isEqualTo(java);
    }

    private static String line(List<String> printed, String prefix) {
        Optional<String> line = printed.stream().filter(l -> l.startsWith(prefix + " ")).findFirst();
        assertThat(line).as("a line starting with %s in%n%s", prefix, String.join("\n", printed)).isPresent();
        return line.get();
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
