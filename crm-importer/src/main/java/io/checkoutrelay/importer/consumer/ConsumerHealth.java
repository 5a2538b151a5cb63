package io.checkoutrelay.importer.consumer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN when the input loop has stopped (e.g. the ledger could not be restored), so the service gets restarted. */
@Component
class ConsumerHealth implements HealthIndicator {

    private final EnrichedConsumer consumer;

    ConsumerHealth(EnrichedConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Health health() {
        return consumer.isRunning() && !consumer.isConsuming() ? Health.down().withDetail("input", "not consuming").build()
                : Health.up().build();
    }
}
