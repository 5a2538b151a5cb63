package io.checkoutrelay.localstack.security;

import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Least privilege: each service's principal may do only what the service does, on its own topics and
 * group (listed in local-stack/README.md). Reading a topic is READ+DESCRIBE, writing WRITE+DESCRIBE;
 * a consumer group READ; transactional producers WRITE+DESCRIBE on transactional ids starting with
 * the service's name; idempotent producers IDEMPOTENT_WRITE on the cluster.
 */
public final class ServiceAcls {

    public static final String INTAKE = "order-intake";
    public static final String ENRICHER = "profile-enricher";
    public static final String IMPORTER = "crm-importer";
    public static final List<String> SERVICES = List.of(INTAKE, ENRICHER, IMPORTER);

    private ServiceAcls() {
    }

    /** The ACLs of one service's principal. */
    public static List<AclBinding> of(KafkaUser user, String service) {
        Grants grants = new Grants(user.principal());
        grants.cluster(AclOperation.IDEMPOTENT_WRITE);
        switch (service) {
            case INTAKE -> {
                grants.write(Topics.CHECKOUT_CAPTURED, Topics.CHECKOUT_STATUS);
                grants.read(Topics.CHECKOUT_STATUS); // the status view: assigned partitions, no group
            }
            case ENRICHER -> {
                grants.read(Topics.CHECKOUT_CAPTURED);
                grants.group(ENRICHER);
                grants.write(Topics.CHECKOUT_ENRICHED, Topics.ORDER_DECLINED, Topics.CHECKOUT_STATUS,
                        Topics.CHECKOUT_CAPTURED_DLT);
                grants.transactionalIds(ENRICHER);
            }
            case IMPORTER -> {
                grants.read(Topics.CHECKOUT_ENRICHED, Topics.IMPORTER_LEDGER);
                grants.group(IMPORTER);
                grants.write(Topics.ORDER_IMPORTED, Topics.ORDER_DECLINED, Topics.CHECKOUT_STATUS,
                        Topics.IMPORTER_LEDGER, Topics.CHECKOUT_ENRICHED_DLT);
                grants.transactionalIds(IMPORTER);
            }
            default -> throw new IllegalArgumentException("no ACLs for service '" + service + "' (services: "
                    + SERVICES + ")");
        }
        return grants.bindings;
    }

    /** Grants each service's ACLs to its user of {@code security}. */
    public static void grant(Admin admin, BrokerSecurity security, Collection<String> services) {
        List<AclBinding> all = new ArrayList<>();
        services.forEach(service -> all.addAll(of(security.user(service), service)));
        try {
            admin.createAcls(all).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating the services' ACLs failed: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        }
    }

    private static final class Grants {
        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Grants(String principal) {
            this.principal = principal;
        }

        void read(TopicSpec... topics) {
            for (TopicSpec topic : topics) {
                allow(new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL),
                        AclOperation.READ, AclOperation.DESCRIBE);
            }
        }

        void write(TopicSpec... topics) {
            for (TopicSpec topic : topics) {
                allow(new ResourcePattern(ResourceType.TOPIC, topic.name(), PatternType.LITERAL),
                        AclOperation.WRITE, AclOperation.DESCRIBE);
            }
        }

        void group(String group) {
            allow(new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL), AclOperation.READ);
        }

        void transactionalIds(String prefix) {
            allow(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED),
                    AclOperation.WRITE, AclOperation.DESCRIBE);
        }

        void cluster(AclOperation operation) {
            allow(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL), operation);
        }

        private void allow(ResourcePattern resource, AclOperation... operations) {
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(resource, new AccessControlEntry(principal, "*", operation,
                        AclPermissionType.ALLOW)));
            }
        }
    }
}
