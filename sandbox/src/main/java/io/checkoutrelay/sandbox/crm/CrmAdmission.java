package io.checkoutrelay.sandbox.crm;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * The CRM's own bound on calls it works on at once ({@code sandbox.crm.max-concurrent}, 0 =
 * unlimited): a call above it is turned away at once, as an overloaded API gateway does, and holds
 * no slot.
 */
@Component
class CrmAdmission {

    private final AtomicInteger admitted = new AtomicInteger();

    /** Takes a slot when fewer than {@code limit} calls hold one (always, when {@code limit} is 0). */
    boolean tryEnter(int limit) {
        while (true) {
            int now = admitted.get();
            if (limit > 0 && now >= limit) {
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void leave() {
        admitted.decrementAndGet();
    }
}
