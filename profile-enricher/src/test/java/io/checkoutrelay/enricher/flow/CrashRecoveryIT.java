package io.checkoutrelay.enricher.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.enricher.support.AmazonStub;
import io.checkoutrelay.enricher.support.KafkaTestClients;
import io.checkoutrelay.enricher.support.Output;
import io.checkoutrelay.enricher.support.OutputCollector;
import io.checkoutrelay.enricher.support.TestCheckouts;
import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The executable jar, as deployed, killed with SIGKILL in the middle of a batch and started again:
 * every checkout is enriched (some twice: allowed), none is lost.
 */
@ExtendWith(RealInfrastructure.class)
class CrashRecoveryIT {

    private static final int CHECKOUTS = 300;

    @Test
    void killedMidBatchAndRestartedEveryCheckoutIsEnriched(Infrastructure infra) throws Exception {
        Path jar = Path.of(System.getProperty("enricher.jar", "target/profile-enricher-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).exists();
        Path workDir = Files.createTempDirectory("enricher-crash-");
        try (AmazonStub amazon = new AmazonStub();
             OutputCollector outputs = new OutputCollector(infra);
             Producer<String, Object> producer = KafkaTestClients.capturedProducer(infra)) {
            KafkaTestClients.provisionTopics(infra.bootstrapServers());
            List<AmazonCheckoutCaptured> checkouts = IntStream.range(0, CHECKOUTS)
                    .mapToObj(i -> TestCheckouts.order(TestCheckouts.token("profile200ms-" + i))).toList();
            for (AmazonCheckoutCaptured checkout : checkouts) {
                producer.send(new ProducerRecord<>(Topics.CHECKOUT_CAPTURED.name(), checkout.getCheckoutId(), checkout));
            }
            producer.flush();
            Set<String> expected = checkouts.stream().map(AmazonCheckoutCaptured::getCheckoutId).collect(Collectors.toSet());
            Map<String, String> env = environment(infra, amazon.baseUrl());

            BootJar first = BootJar.start("profile-enricher-1", jar, FreePort.pick(), env, workDir);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> enrichedIds(outputs, expected).size() >= 30);
            first.process().kill();
            int beforeCrash = enrichedIds(outputs, expected).size();
            System.out.printf("CRASH: killed (SIGKILL) after %d of %d checkouts were enriched%n", beforeCrash, CHECKOUTS);
            assertThat(first.process().isAlive()).isFalse();
            assertThat(beforeCrash).as("killed in the middle of the batch").isLessThan(CHECKOUTS);

            try (BootJar second = BootJar.start("profile-enricher-2", jar, FreePort.pick(), env, workDir)) {
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                        .until(() -> enrichedIds(outputs, expected).size() == CHECKOUTS);
            }
            long records = outputs.all().stream().filter(o -> o.topic().equals(Topics.CHECKOUT_ENRICHED.name())
                    && expected.contains(o.checkoutId())).count();
            System.out.printf("CRASH: after restart all %d enriched; %d enriched records (%d duplicates)%n",
                    CHECKOUTS, records, records - CHECKOUTS);
            assertThat(enrichedIds(outputs, expected)).isEqualTo(expected);
        }
    }

    private static Map<String, String> environment(Infrastructure infra, String amazonBaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        env.put("SCHEMA_REGISTRY_URL", infra.registryUrl());
        env.put("AMAZON_API_BASE_URL", amazonBaseUrl);
        env.put("AMAZON_CLIENT_ID", TestCheckouts.CLIENT_ID);
        env.put("RELAY_TOKEN_KEYS", TestCheckouts.TOKEN_KEYS);
        env.put("RELAY_ENRICHER_MAXINFLIGHT", "16");
        return env;
    }

    private static Set<String> enrichedIds(OutputCollector outputs, Set<String> expected) {
        return outputs.all().stream().filter(o -> o.topic().equals(Topics.CHECKOUT_ENRICHED.name()))
                .map(Output::checkoutId).filter(expected::contains).collect(Collectors.toSet());
    }
}
