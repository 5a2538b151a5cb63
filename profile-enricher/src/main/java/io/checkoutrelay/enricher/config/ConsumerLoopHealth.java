package io.checkoutrelay.enricher.config;

import io.checkoutrelay.enricher.flow.CapturedConsumerLoop;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN once the consumer loop has stopped on its own: a service that no longer consumes is not healthy. */
@Component
class ConsumerLoopHealth implements HealthIndicator {

    private final CapturedConsumerLoop loop;

    ConsumerLoopHealth(CapturedConsumerLoop loop) {
        this.loop = loop;
    }

    @Override
    public Health health() {
        Health.Builder health = loop.isRunning() ? Health.up() : Health.down();
        return health.withDetail("inFlight", loop.inFlight())
                .withDetail("partitions", loop.assignment().size()).build();
    }
}
