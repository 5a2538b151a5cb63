package io.checkoutrelay.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.topic.ProvisioningReport;
import io.checkoutrelay.schemas.topic.TopicFinding;
import io.checkoutrelay.schemas.topic.TopicLayout;
import io.checkoutrelay.schemas.topic.TopicProvisioner;
import io.checkoutrelay.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provisioning code itself, on topics of this test's own (so it starts from a cluster without them). */
@ExtendWith(RealInfrastructure.class)
class TopicProvisionerTest {

    private static final TopicLayout THREE_PARTITIONS = new TopicLayout(3, (short) 1, 1);

    @Test
    void createMakesTheMissingTopicWithItsDeclaredConfigsThenVerifyFindsItAsDeclared(Infrastructure infra)
            throws Exception {
        TopicSpec spec = new TopicSpec(fresh(), TopicSpec.COMPACT_DELETE, Duration.ofDays(7), Duration.ofDays(1), "t");
        try (Admin admin = admin(infra)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, THREE_PARTITIONS, List.of(spec));
            assertThat(provisioner.verify().findings()).containsExactly(new TopicFinding.Missing(spec.name()));

            ProvisioningReport created = provisioner.create();

            assertThat(created.findings()).containsExactly(new TopicFinding.Created(spec.name(), 3, (short) 1));
            Config configs = configs(admin, spec.name());
            assertThat(configs.get("cleanup.policy").value()).isEqualTo("compact,delete");
            assertThat(configs.get("retention.ms").value()).isEqualTo("604800000");
            assertThat(configs.get("segment.ms").value()).isEqualTo("86400000");
            assertThat(configs.get("min.insync.replicas").value()).isEqualTo("1");
            assertThat(admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name())
                    .partitions()).hasSize(3);
            assertThat(provisioner.verify().findings()).containsExactly(new TopicFinding.Matches(spec.name()));
            assertThat(provisioner.create().findings()).as("a second create changes nothing")
                    .containsExactly(new TopicFinding.Matches(spec.name()));
        }
    }

    @Test
    void aConfigChangedByHandIsReportedAsDriftWithExpectedAndActual(Infrastructure infra) throws Exception {
        TopicSpec spec = new TopicSpec(fresh(), TopicSpec.DELETE, Duration.ofHours(6), "t");
        try (Admin admin = admin(infra)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, THREE_PARTITIONS, List.of(spec));
            provisioner.create();
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all().get();

            ProvisioningReport report = provisioner.verify();

            assertThat(report.findings()).containsExactly(
                    new TopicFinding.ConfigDrift(spec.name(), "retention.ms", "21600000", "1000"));
            assertThat(report.failed()).as("drift is reported, not fatal").isFalse();
            assertThat(report.text()).contains("drift    " + spec.name() + ": retention.ms expected 21600000, actual 1000");
        }
    }

    @Test
    void aTopicTheClusterCannotHoldIsNotCreatedAndSaysWhy(Infrastructure infra) {
        TopicSpec spec = new TopicSpec(fresh(), TopicSpec.DELETE, Duration.ofHours(6), "t");
        try (Admin admin = admin(infra)) {
            ProvisioningReport report = new TopicProvisioner(admin, new TopicLayout(3, (short) 3, 2), List.of(spec))
                    .create();

            assertThat(report.failed()).isTrue();
            assertThat(report.text()).contains("FAILED   " + spec.name() + ": could not be created: ")
                    .containsIgnoringCase("replication factor");
        }
    }

    private static Config configs(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    private static Admin admin(Infrastructure infra) {
        return Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()));
    }

    private static String fresh() {
        return "provisioner-test-" + UUID.randomUUID();
    }
}
