package io.checkoutrelay.localstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.localstack.security.BrokerSecurity;
import io.checkoutrelay.localstack.security.KafkaUser;
import io.checkoutrelay.localstack.security.ServiceAcls;
import io.checkoutrelay.schemas.topic.Topics;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole system's secured option: topics provisioned by the super user, each service's principal granted only its own. */
class SecuredWholeSystemTest {

    @TempDir
    Path workDir;

    @Test
    void eachServicesPrincipalSeesOnlyItsOwnTopics() throws Exception {
        try (WholeSystem system = WholeSystem.start(SystemOptions.builder(workDir, workDir)
                .infrastructureOnly(true).securedBroker(true).build())) {
            BrokerSecurity security = system.broker().security().orElseThrow();

            assertThat(topicsVisibleTo(system, security.user(ServiceAcls.INTAKE)))
                    .containsExactlyInAnyOrder(Topics.CHECKOUT_CAPTURED.name(), Topics.CHECKOUT_STATUS.name());
            assertThat(topicsVisibleTo(system, security.user(ServiceAcls.IMPORTER))).containsExactlyInAnyOrder(
                    Topics.CHECKOUT_ENRICHED.name(), Topics.IMPORTER_LEDGER.name(), Topics.ORDER_IMPORTED.name(),
                    Topics.ORDER_DECLINED.name(), Topics.CHECKOUT_STATUS.name(), Topics.CHECKOUT_ENRICHED_DLT.name());
            assertThat(security.user(ServiceAcls.ENRICHER).springEnvironment(system.bootstrapServers(),
                    security.trustStore())).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        }
    }

    private static java.util.Set<String> topicsVisibleTo(WholeSystem system, KafkaUser user) throws Exception {
        try (Admin admin = Admin.create(user.clientConfigs(system.bootstrapServers(),
                system.broker().security().orElseThrow().trustStore()))) {
            return admin.listTopics().names().get(60, TimeUnit.SECONDS);
        }
    }
}
