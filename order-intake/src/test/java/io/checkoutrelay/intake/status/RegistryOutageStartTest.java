package io.checkoutrelay.intake.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.RunningIntake;
import io.checkoutrelay.intake.support.Statuses;
import io.checkoutrelay.intake.support.Topic;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.Decline;
import io.checkoutrelay.schemas.DeclineClass;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An intake that starts while the registry (the real Apicurio process) is stopped cannot read the status
 * topic: it must not skip those records and call itself ready (GET would then answer 404 for checkouts
 * that exist). It stays unready, says why, and reads them once the registry is back.
 */
@ExtendWith(RealInfrastructure.class)
class RegistryOutageStartTest {

    @Test
    void anIntakeStartedDuringARegistryOutageIsNotReadyUntilItHasReadEveryStatus(Infrastructure infra) throws Exception {
        String imported = UUID.randomUUID().toString();
        String unreadable = UUID.randomUUID().toString();
        Topic.writeStatus(infra, Statuses.imported(imported, 1, "CRM-OUTAGE"));
        Topic.writeStatus(infra, Statuses.base(unreadable, 1, CheckoutStatus.ACCEPTED).build());
        // what a service writes for a record it could not read: attempt unknown (0), DECLINED INVALID_REQUEST
        Topic.writeStatus(infra, Statuses.base(unreadable, 0, CheckoutStatus.DECLINED)
                .setDecline(Decline.newBuilder().setDeclineClass(DeclineClass.INVALID_REQUEST)
                        .setReason("record_unreadable").setMessage("This order could not be placed.").build())
                .setChangedAt(Instant.now()).build());

        infra.registry().stop();
        RunningIntake intake = null;
        try {
            intake = RunningIntake.start(RunningIntake.settings(infra, RunningIntake.newTokenKeys()),
                    "/actuator/health/liveness");
            RunningIntake started = intake;
            Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> started.get("/actuator/health/readiness").statusCode() == 503);
            assertThat(intake.context().getBean(StatusViewHealth.class).health().getDetails())
                    .containsEntry("waitingForRegistry", infra.registryUrl());
        } finally {
            infra.registry().restart();
        }
        try {
            RunningIntake started = intake;
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> started.get("/actuator/health/readiness").statusCode() == 200);
            assertThat(intake.get("/v1/checkouts/" + imported).body()).contains("\"IMPORTED\"").contains("CRM-OUTAGE");
            String declined = intake.get("/v1/checkouts/" + unreadable).body();
            assertThat(declined).contains("\"DECLINED\"").contains("INVALID_REQUEST").contains("record_unreadable")
                    .contains("\"attempt\":1");
        } finally {
            intake.close();
        }
    }
}
