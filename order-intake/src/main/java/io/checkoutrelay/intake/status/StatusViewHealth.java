package io.checkoutrelay.intake.status;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Not ready until the status view has read the whole status topic, every record of it (one whose schema
 * the registry cannot be asked for is waited for, not skipped): before that, GET could answer 404 wrongly.
 */
@Component("statusView")
public class StatusViewHealth implements HealthIndicator {

    private final StatusMaterializer materializer;
    private final StatusBoard board;

    public StatusViewHealth(StatusMaterializer materializer, StatusBoard board) {
        this.materializer = materializer;
        this.board = board;
    }

    @Override
    public Health health() {
        Health.Builder health = materializer.caughtUp() ? Health.up() : Health.outOfService();
        health.withDetail("checkouts", board.size()).withDetail("maxCheckouts", board.maxEntries())
                .withDetail("forgottenForSize", board.forgottenForSize()).withDetail("waiting", board.waiting())
                .withDetail("skippedRecords", materializer.skipped());
        String registry = materializer.waitingForRegistry();
        if (registry != null) {
            health.withDetail("waitingForRegistry", registry);
        }
        return health.build();
    }
}
