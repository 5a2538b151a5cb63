package io.checkoutrelay.intake.status;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Not ready until the status view has read the whole status topic: before that, GET could answer 404 wrongly. */
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
        return health.withDetail("checkouts", board.size()).withDetail("waiting", board.waiting())
                .withDetail("skippedRecords", materializer.skipped()).build();
    }
}
