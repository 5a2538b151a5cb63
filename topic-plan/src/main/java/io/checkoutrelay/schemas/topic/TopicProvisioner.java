package io.checkoutrelay.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes a cluster match the declaration ({@link Topics#all()} laid out as a {@link TopicLayout}):
 * {@link #create()} creates the topics that are missing and checks the others, {@link #verify()} only
 * checks. Neither ever changes an existing topic: a wrong partition count fails the run (naming topic,
 * expected and actual), other differences are reported as drift.
 */
public final class TopicProvisioner {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;
    private final TopicLayout layout;
    private final List<TopicSpec> topics;

    public TopicProvisioner(Admin admin, TopicLayout layout, List<TopicSpec> topics) {
        this.admin = admin;
        this.layout = layout;
        this.topics = List.copyOf(topics);
    }

    public TopicProvisioner(Admin admin, TopicLayout layout) {
        this(admin, layout, Topics.all());
    }

    /**
     * The local run's and the tests' one call: every topic created as {@link TopicLayout#LOCAL} on the
     * cluster these admin configs reach; fails naming what could not be provisioned.
     */
    public static ProvisioningReport provisionLocally(Map<String, Object> adminConfigs) {
        return provisionLocally(adminConfigs, TopicLayout.LOCAL, Topics.all());
    }

    /**
     * {@code topics} created as {@code layout} where missing (tests with topics of their own, e.g. an input
     * of fewer partitions with its ledger and dead letters); fails naming what could not be provisioned.
     */
    public static ProvisioningReport provisionLocally(Map<String, Object> adminConfigs, TopicLayout layout,
                                                      List<TopicSpec> topics) {
        try (Admin admin = Admin.create(adminConfigs)) {
            ProvisioningReport report = new TopicProvisioner(admin, layout, topics).create();
            if (report.failed()) {
                throw new IllegalStateException("the topics could not be provisioned:\n" + report.text());
            }
            return report;
        }
    }

    /** Creates the declared topics that are missing and checks the others. */
    public ProvisioningReport create() {
        ProvisioningReport report = walk(this::createOne);
        awaitVisible(report.findings().stream().filter(f -> f instanceof TopicFinding.Created)
                .map(TopicFinding::topic).toList());
        return report;
    }

    /** Checks every declared topic; a missing one fails the report. */
    public ProvisioningReport verify() {
        return walk(spec -> new TopicFinding.Missing(spec.name()));
    }

    /** One walk over the plan: each existing topic checked, each missing one handed to {@code whenMissing}. */
    private ProvisioningReport walk(Function<TopicSpec, TopicFinding> whenMissing) {
        Map<String, Optional<TopicDescription>> existing = describe();
        List<TopicFinding> findings = new ArrayList<>();
        for (TopicSpec spec : topics) {
            existing.get(spec.name()).ifPresentOrElse(description -> findings.addAll(check(spec, description)),
                    () -> findings.add(whenMissing.apply(spec)));
        }
        return new ProvisioningReport(findings);
    }

    /** Waits until created topics are in the cluster's metadata, so that whatever runs next finds them. */
    private void awaitVisible(List<String> created) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (!created.isEmpty() && !await(admin.listTopics().names()).containsAll(created)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("created topics " + created + " were not visible within "
                            + TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (ExecutionException e) {
            throw unreachable("listing the created topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for created topics", e);
        }
    }

    private TopicFinding createOne(TopicSpec spec) {
        NewTopic topic = new NewTopic(spec.name(), layout.partitions(), layout.replicationFactor())
                .configs(spec.configs(layout));
        try {
            await(admin.createTopics(List.of(topic)).all());
            return new TopicFinding.Created(spec.name(), layout.partitions(), layout.replicationFactor());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) { // created meanwhile by another run: check it
                List<TopicFinding> found = check(spec, describe().get(spec.name()).orElseThrow());
                return found.stream().filter(TopicFinding::fails).findFirst().orElse(found.get(0));
            }
            return new TopicFinding.NotCreated(spec.name(), e.getCause().getMessage());
        }
    }

    private List<TopicFinding> check(TopicSpec spec, TopicDescription description) {
        List<TopicFinding> findings = new ArrayList<>();
        int partitions = description.partitions().size();
        if (partitions != layout.partitions()) {
            findings.add(new TopicFinding.PartitionMismatch(spec.name(), layout.partitions(), partitions));
        }
        int replicas = description.partitions().get(0).replicas().size();
        if (replicas != layout.replicationFactor()) {
            findings.add(new TopicFinding.ReplicationDrift(spec.name(), layout.replicationFactor(), replicas));
        }
        Config actual = configs(spec.name());
        spec.configs(layout).forEach((name, expected) -> {
            ConfigEntry entry = actual.get(name);
            String value = entry == null ? null : entry.value();
            if (!expected.equals(value)) {
                findings.add(new TopicFinding.ConfigDrift(spec.name(), name, expected, value));
            }
        });
        if (findings.isEmpty()) {
            findings.add(new TopicFinding.Matches(spec.name()));
        }
        return findings;
    }

    /**
     * Every declared topic's description, empty where the topic does not exist. The names are listed
     * first and only existing topics described: describing a missing topic can fail the whole request.
     */
    private Map<String, Optional<TopicDescription>> describe() {
        Set<String> existing;
        Map<String, TopicDescription> described;
        try {
            existing = await(admin.listTopics().names());
            List<String> present = topics.stream().map(TopicSpec::name).filter(existing::contains).toList();
            described = present.isEmpty() ? Map.of() : await(admin.describeTopics(present).allTopicNames());
        } catch (ExecutionException e) {
            throw unreachable("listing the topics", e.getCause());
        }
        Map<String, Optional<TopicDescription>> found = new LinkedHashMap<>();
        topics.forEach(spec -> found.put(spec.name(), Optional.ofNullable(described.get(spec.name()))));
        return found;
    }

    private Config configs(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            return await(admin.describeConfigs(List.of(resource)).values().get(resource));
        } catch (ExecutionException e) {
            throw unreachable("reading the configs of topic " + topic, e.getCause());
        }
    }

    private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT.toSeconds()
                    + " s: check spring.kafka.bootstrap-servers and the security settings", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning topics", e);
        }
    }

    private static IllegalStateException unreachable(String what, Throwable cause) {
        return new IllegalStateException(what + " failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
    }
}
