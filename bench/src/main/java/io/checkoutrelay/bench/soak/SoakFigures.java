package io.checkoutrelay.bench.soak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The soak's five figures, computed from the outside: what the landers got accepted, what a
 * read_committed consumer of the result and status topics saw, and the CRM's orders.
 *
 * @param lost             accepted attempts (orders and upsells) without any result event, plus results
 *                         that say IMPORTED where the CRM holds no such sale
 * @param chargedTwice     checkouts with more than one charged CRM order, an order imported twice, or an
 *                         upsell product counted more than once
 * @param attempts         attempts (accepted or seen in a result) of the soak's checkouts
 * @param exactlyOneResult of those, attempts with exactly one OrderImported/OrderDeclined
 * @param moreThanOne      attempts with two or more result events
 * @param statusKeys       orders and upsells accepted
 * @param terminal         of those, the ones whose status ends IMPORTED or DECLINED at their last attempt
 * @param backwards        orders and upsells whose status went backwards at least once
 * @param examples         per violation, up to 10 described cases
 */
record SoakFigures(long checkouts, long orderAttempts, long upsells, long imported, long declined, long lost,
                   long chargedTwice, long attempts, long exactlyOneResult, long moreThanOne, long statusKeys,
                   long terminal, long backwards, Map<String, List<String>> examples) {

    static final int EXAMPLES = 10;

    /** One accepted checkout: its attempts, and per upsell id its product and attempts. */
    record Expected(String checkoutId, String orderReference, Set<Integer> orderAttempts,
                    Map<String, Long> upsellProducts, Map<String, Set<Integer>> upsellAttempts) {
    }

    long nonTerminal() {
        return statusKeys - terminal;
    }

    long notExactlyOne() {
        return attempts - exactlyOneResult;
    }

    /** The invariants of the issue; empty when they all hold. */
    List<String> violations() {
        List<String> violations = new ArrayList<>();
        if (lost > 0) {
            violations.add(lost + " checkouts or upsells lost");
        }
        if (chargedTwice > 0) {
            violations.add(chargedTwice + " checkouts charged twice");
        }
        if (notExactlyOne() > 0) {
            violations.add(notExactlyOne() + " attempts without exactly one result event");
        }
        if (nonTerminal() > 0) {
            violations.add(nonTerminal() + " orders or upsells without a terminal status");
        }
        if (backwards > 0) {
            violations.add(backwards + " orders or upsells whose status went backwards");
        }
        return violations;
    }

    static SoakFigures compute(List<Expected> expected, Map<ResultEvents.AttemptKey, ResultEvents.Results> results,
                               Map<String, List<StatusOrder.Step>> statuses, List<CrmOrders.Order> crm) {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        Map<String, List<CrmOrders.Order>> crmByReference = new HashMap<>();
        Map<String, CrmOrders.Order> crmById = new HashMap<>();
        for (CrmOrders.Order order : crm) {
            crmById.put(order.orderId(), order);
            if (order.amazonOrderId() != null) {
                crmByReference.computeIfAbsent(order.amazonOrderId(), r -> new ArrayList<>()).add(order);
            }
        }
        Map<String, List<ResultEvents.AttemptKey>> resultsByCheckout = new HashMap<>();
        results.keySet().forEach(key -> resultsByCheckout.computeIfAbsent(key.checkoutId(), c -> new ArrayList<>()).add(key));

        long orderAttempts = 0;
        long upsells = 0;
        long imported = 0;
        long declined = 0;
        long lost = 0;
        long chargedTwice = 0;
        long attempts = 0;
        long exactlyOne = 0;
        long moreThanOne = 0;
        long statusKeys = 0;
        long terminal = 0;
        long backwards = 0;
        for (Expected checkout : expected) {
            String id = checkout.checkoutId();
            orderAttempts += checkout.orderAttempts().size();
            upsells += checkout.upsellAttempts().size();
            // every attempt the intake accepted, and every attempt a result names
            Set<ResultEvents.AttemptKey> keys = new HashSet<>();
            checkout.orderAttempts().forEach(a -> keys.add(new ResultEvents.AttemptKey(id, "", a)));
            checkout.upsellAttempts().forEach((upsellId, set) -> set.forEach(a ->
                    keys.add(new ResultEvents.AttemptKey(id, upsellId, a))));
            keys.addAll(resultsByCheckout.getOrDefault(id, List.of()));
            for (ResultEvents.AttemptKey key : keys) {
                attempts++;
                ResultEvents.Results r = results.get(key);
                int total = r == null ? 0 : r.total();
                if (total == 1) {
                    exactlyOne++;
                } else if (total > 1) {
                    moreThanOne++;
                    example(examples, "more than one result event", key + ": " + r.imported + " OrderImported, "
                            + r.declined + " OrderDeclined");
                } else {
                    lost++;
                    example(examples, "lost", key + ": accepted, no result event");
                }
            }
            // what the CRM holds for this checkout
            List<CrmOrders.Order> sold = crmByReference.getOrDefault(checkout.orderReference(), List.of());
            List<CrmOrders.Order> charged = sold.stream().filter(CrmOrders.Order::complete).toList();
            boolean twice = charged.size() > 1 || sold.stream().anyMatch(o -> o.completedImports() > 1);
            for (Long product : new HashSet<>(checkout.upsellProducts().values())) {
                int quantity = charged.stream().mapToInt(o -> o.quantities().getOrDefault(product, 0)).sum();
                long offers = checkout.upsellProducts().values().stream().filter(product::equals).count();
                twice |= quantity > offers;
            }
            if (twice) {
                chargedTwice++;
                example(examples, "charged twice", id + " (" + checkout.orderReference() + "): " + sold);
            }
            // an order or upsell said IMPORTED must be in the CRM
            for (ResultEvents.AttemptKey key : keys) {
                ResultEvents.Results r = results.get(key);
                if (r == null || r.imported == 0) {
                    continue;
                }
                CrmOrders.Order order = crmById.get(r.crmOrderId);
                boolean there = order != null && order.complete() && (key.upsellId().isEmpty()
                        || order.quantities().getOrDefault(checkout.upsellProducts().get(key.upsellId()), 0) > 0);
                if (!there) {
                    lost++;
                    example(examples, "lost", key + ": OrderImported names CRM order " + r.crmOrderId
                            + ", which does not hold the sale: " + order);
                }
            }
            // statuses: the order's and each upsell's
            Map<String, Integer> lastAttempts = new LinkedHashMap<>();
            lastAttempts.put(id, checkout.orderAttempts().stream().max(Integer::compare).orElse(1));
            checkout.upsellAttempts().forEach((upsellId, set) ->
                    lastAttempts.put(id + ":" + upsellId, set.stream().max(Integer::compare).orElse(1)));
            for (Map.Entry<String, Integer> entry : lastAttempts.entrySet()) {
                statusKeys++;
                StatusOrder.Verdict verdict = StatusOrder.fold(new ArrayList<>(statuses.getOrDefault(entry.getKey(), List.of())));
                StatusOrder.Step last = verdict.last();
                if (last != null && last.settled() && last.attempt() >= entry.getValue()) {
                    terminal++;
                    if (!entry.getKey().contains(":")) {
                        if (last.status().equals("IMPORTED")) {
                            imported++;
                        } else {
                            declined++;
                        }
                    }
                } else {
                    example(examples, "no terminal status", entry.getKey() + ": last " + last + ", last accepted attempt "
                            + entry.getValue());
                }
                if (!verdict.backwards().isEmpty()) {
                    backwards++;
                    example(examples, "status went backwards", entry.getKey() + ": " + verdict.backwards());
                }
            }
        }
        return new SoakFigures(expected.size(), orderAttempts, upsells, imported, declined, lost, chargedTwice, attempts,
                exactlyOne, moreThanOne, statusKeys, terminal, backwards, examples);
    }

    private static void example(Map<String, List<String>> examples, String kind, String text) {
        List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < EXAMPLES) {
            list.add(text);
        }
    }
}
