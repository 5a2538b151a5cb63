package io.checkoutrelay.sandbox.crm;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.Resettable;

/** The CRM's orders, kept in memory. Each order changes atomically; no lock is held while a call waits. */
@Component
public class CrmOrderStore implements Resettable {

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int ID_LENGTH = 10;

    private final ConcurrentMap<String, CrmOrder> orders = new ConcurrentHashMap<>();
    private final Set<String> declinedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    /** Never reset, so ids a caller saw before a reset are never handed out again. */
    private final AtomicLong customerIds = new AtomicLong(100_000);

    /**
     * Creates an order under a new unique id with a new customer id: a PARTIAL order, changed by
     * {@code initial} before anyone can see it.
     */
    public CrmOrder create(long campaignId, Customer customerWithoutId, UnaryOperator<CrmOrder> initial) {
        Customer customer = new Customer(customerIds.incrementAndGet(), customerWithoutId.firstName(),
                customerWithoutId.lastName(), customerWithoutId.emailAddress(), customerWithoutId.phoneNumber(),
                customerWithoutId.address());
        while (true) {
            String orderId = newOrderId();
            CrmOrder order = initial.apply(
                    CrmOrder.lead(orderId, sequence.incrementAndGet(), Instant.now(), campaignId, customer));
            if (orders.putIfAbsent(orderId, order) == null) {
                return order;
            }
        }
    }

    public Optional<CrmOrder> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /**
     * Changes one order atomically: {@code change} sees the current order and returns the new one
     * with a (non-null) result for the caller. Empty when there is no such order.
     */
    public <R> Optional<R> change(String orderId, Function<CrmOrder, Changed<R>> change) {
        AtomicReference<R> result = new AtomicReference<>();
        CrmOrder changed = orders.computeIfPresent(orderId, (id, order) -> {
            Changed<R> decision = change.apply(order);
            result.set(decision.result());
            return decision.order();
        });
        return changed == null ? Optional.empty() : Optional.of(result.get());
    }

    /** All orders, oldest first. */
    public List<CrmOrder> all() {
        return orders.values().stream().sorted(Comparator.comparingLong(CrmOrder::sequence)).toList();
    }

    /** True the first time a key is seen (used by the decline-once marker), false afterwards. */
    public boolean firstTime(String key) {
        return declinedOnce.add(key);
    }

    @Override
    public void reset() {
        orders.clear();
        declinedOnce.clear();
    }

    private static String newOrderId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** The order after a change, with what the change decided. */
    public record Changed<R>(CrmOrder order, R result) {
    }
}
