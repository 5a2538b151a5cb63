package io.checkoutrelay.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SoakFiguresTest {

    private static final String REF = "S12-1234567-0000001";
    private final Map<ResultEvents.AttemptKey, ResultEvents.Results> results = new HashMap<>();
    private final Map<String, List<StatusOrder.Step>> statuses = new HashMap<>();

    private void imported(String upsellId, int attempt, String crmOrderId) {
        ResultEvents.Results r = results.computeIfAbsent(new ResultEvents.AttemptKey("c1", upsellId, attempt),
                k -> new ResultEvents.Results());
        r.imported++;
        r.crmOrderId = crmOrderId;
    }

    private SoakFigures.Expected checkoutWithOneUpsell() {
        return new SoakFigures.Expected("c1", REF, Set.of(1), Map.of("u1", 205L), Map.of("u1", Set.of(1)));
    }

    private static CrmOrders.Order order(String id, int completedImports, Map<Long, Integer> quantities) {
        return new CrmOrders.Order(id, REF, "COMPLETE", completedImports, quantities);
    }

    @Test
    void aCheckoutAndItsUpsellImportedOnceInTheCrmBreakNoInvariant() {
        imported("", 1, "ORD1");
        imported("u1", 1, "ORD1");
        statuses.put("c1", List.of(new StatusOrder.Step(1, "ACCEPTED", null, "order-intake"),
                new StatusOrder.Step(1, "IMPORTED", null, "crm-importer")));
        statuses.put("c1:u1", List.of(new StatusOrder.Step(1, "IMPORTED", null, "crm-importer")));

        SoakFigures figures = SoakFigures.compute(List.of(checkoutWithOneUpsell()), results, statuses,
                List.of(order("ORD1", 1, Map.of(101L, 1, 205L, 1))));

        assertThat(figures.violations()).isEmpty();
        assertThat(figures.attempts()).isEqualTo(2);
        assertThat(figures.terminal()).isEqualTo(2);
        assertThat(figures.imported()).isEqualTo(1);
    }

    @Test
    void eachBrokenInvariantIsCountedAndNamed() {
        imported("", 1, "ORD1");
        imported("", 1, "ORD1"); // told twice
        statuses.put("c1", List.of(new StatusOrder.Step(1, "IMPORTED", null, "crm-importer"),
                new StatusOrder.Step(1, "DECLINED", "UNAVAILABLE", "crm-importer")));
        // the upsell: accepted, never settled, no result; the CRM counted its product twice

        SoakFigures figures = SoakFigures.compute(List.of(checkoutWithOneUpsell()), results, statuses,
                List.of(order("ORD1", 2, Map.of(101L, 1, 205L, 2))));

        assertThat(figures.lost()).isEqualTo(1);
        assertThat(figures.chargedTwice()).isEqualTo(1);
        assertThat(figures.moreThanOne()).isEqualTo(1);
        assertThat(figures.nonTerminal()).isEqualTo(1);
        assertThat(figures.backwards()).isEqualTo(1);
        assertThat(figures.violations()).hasSize(5);
        assertThat(figures.examples()).containsKeys("lost", "charged twice", "more than one result event",
                "no terminal status", "status went backwards");
    }

    @Test
    void anImportTheCrmDoesNotHoldIsLost() {
        imported("", 1, "ORD9");
        statuses.put("c1", List.of(new StatusOrder.Step(1, "IMPORTED", null, "crm-importer")));

        SoakFigures figures = SoakFigures.compute(List.of(new SoakFigures.Expected("c1", REF, Set.of(1), Map.of(),
                Map.of())), results, statuses, List.of(new CrmOrders.Order("ORD9", REF, "PARTIAL", 0, Map.of())));

        assertThat(figures.lost()).isEqualTo(1);
        assertThat(figures.examples().get("lost")).singleElement().asString().contains("ORD9");
    }
}
