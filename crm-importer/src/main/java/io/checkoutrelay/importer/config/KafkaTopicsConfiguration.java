package io.checkoutrelay.importer.config;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import io.checkoutrelay.schemas.topic.TopicSpec;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * The topics this service writes, created at start (the broker does not auto-create): its outputs,
 * the input's dead-letter topic and the ledger (as the topic plan declares it: compacted and deleted
 * after its retention, co-partitioned with the input: same partition count, same key).
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    NewTopic orderImportedTopic(ImporterProperties properties) {
        return topic(Topics.ORDER_IMPORTED, properties.topics());
    }

    @Bean
    NewTopic orderDeclinedTopic(ImporterProperties properties) {
        return topic(Topics.ORDER_DECLINED, properties.topics());
    }

    @Bean
    NewTopic checkoutStatusTopic(ImporterProperties properties) {
        return topic(Topics.CHECKOUT_STATUS, properties.topics());
    }

    @Bean
    NewTopic enrichedDeadLetterTopic(ImporterProperties properties) {
        TopicSpec input = new TopicSpec(properties.topics().input(), Topics.CHECKOUT_ENRICHED.cleanupPolicy(),
                Topics.CHECKOUT_ENRICHED.retention(), Topics.CHECKOUT_ENRICHED.purpose());
        return topic(input.deadLetter(), properties.topics());
    }

    @Bean
    NewTopic ledgerTopic(ImporterProperties properties) {
        return topic(Topics.IMPORTER_LEDGER.named(properties.topics().ledger()), properties.topics());
    }

    private static NewTopic topic(TopicSpec spec, ImporterProperties.Topics settings) {
        return TopicBuilder.name(spec.name()).partitions(settings.partitions())
                .replicas(settings.replicationFactor()).configs(spec.configs()).build();
    }
}
