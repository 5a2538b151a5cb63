package io.checkoutrelay.enricher.checkout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.checkoutrelay.enricher.support.AmazonStub;
import io.checkoutrelay.enricher.support.EnricherApp;
import io.checkoutrelay.enricher.support.KafkaTestClients;
import io.checkoutrelay.enricher.support.Output;
import io.checkoutrelay.enricher.support.OutputCollector;
import io.checkoutrelay.enricher.support.TestCheckouts;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.Buyer;
import io.checkoutrelay.schemas.CheckoutStatus;
import io.checkoutrelay.schemas.DeclineClass;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.token.TokenCipher;
import io.checkoutrelay.schemas.token.TokenKeyRing;
import io.checkoutrelay.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The service end to end on the real broker and registry, with Login with Amazon stubbed: every
 * outcome a captured checkout can have, as a downstream consumer reads it from the topics.
 */
@ExtendWith(RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnricherFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long EU_BILLER = 88;
    private static final long UNREACHABLE_BILLER = 99;
    private static final int MAX_ATTEMPTS = 3;

    private AmazonStub amazon;
    private AmazonStub amazonEu;
    private EnricherApp app;
    private OutputCollector outputs;
    private Producer<String, Object> producer;
    private Infrastructure infra;

    @BeforeAll
    void start(Infrastructure infra) {
        this.infra = infra;
        amazon = new AmazonStub();
        amazonEu = new AmazonStub();
        Map<String, Object> settings = EnricherApp.settings(infra, amazon.baseUrl());
        settings.put("relay.enricher.amazon.biller-base-urls." + EU_BILLER, amazonEu.baseUrl());
        settings.put("relay.enricher.amazon.biller-base-urls." + UNREACHABLE_BILLER, "http://127.0.0.1:" + FreePort.pick());
        settings.put("relay.enricher.amazon.request-timeout", "2s");
        settings.put("resilience4j.retry.instances.amazon.max-attempts", MAX_ATTEMPTS);
        settings.put("resilience4j.retry.instances.amazon.wait-duration", "50ms");
        settings.put("resilience4j.circuitbreaker.instances.amazon.minimum-number-of-calls", 1000);
        app = EnricherApp.start(settings);
        outputs = new OutputCollector(infra);
        producer = KafkaTestClients.capturedProducer(infra);
    }

    @AfterAll
    void stop() {
        producer.close();
        outputs.close();
        app.close();
        amazon.close();
        amazonEu.close();
    }

    @Test
    void orderIsEnrichedWithTheVerifiedBuyerAndItsTokenStaysEncrypted() {
        String token = TestCheckouts.token("happy");
        AmazonCheckoutCaptured order = TestCheckouts.order(token);
        KafkaTestClients.send(producer, order);

        AmazonCheckoutEnriched enriched = outputs.await(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(), WAIT).enriched();
        Buyer buyer = enriched.getBuyer();
        assertThat(buyer.getAmazonUserId()).isEqualTo("amzn1.account.TESTBUYER");
        assertThat(buyer.getName()).isEqualTo("Jane Q Doe");
        assertThat(buyer.getFirstName()).isEqualTo("Jane");
        assertThat(buyer.getLastName()).isEqualTo("Q Doe");
        assertThat(buyer.getEmail()).isEqualTo("jane@example.com");
        assertThat(buyer.getPostalCode()).isEqualTo("98101");
        assertThat(enriched.getCaptured().getAmazon().getAccessToken()).isEqualTo(order.getAmazon().getAccessToken());
        assertThat(enriched.getTokenExpiresAt()).isBetween(Instant.now().plusSeconds(3400), Instant.now().plusSeconds(3501));

        Output status = outputs.await(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name(), WAIT);
        assertThat(status.key()).isEqualTo(order.getCheckoutId());
        assertThat(status.status().getStatus()).isEqualTo(CheckoutStatus.ENRICHED);
        assertThat(status.status().getChangedBy()).isEqualTo("profile-enricher");

        assertThat(amazon.tokenInfoCalls(token)).hasSize(1);
        assertThat(amazon.profileCalls(token)).hasSize(1);
        assertNoOutputHoldsTheToken(order.getCheckoutId(), token);
    }

    @Test
    void upsellIsVerifiedWithItsOwnTokenAndGetsNoProfile() {
        AmazonCheckoutCaptured order = TestCheckouts.order(TestCheckouts.token("order"));
        String upsellToken = TestCheckouts.token("upsell");
        AmazonCheckoutCaptured upsell = TestCheckouts.upsell(order, upsellToken);
        KafkaTestClients.send(producer, order);
        KafkaTestClients.send(producer, upsell);

        Output enriched = outputs.await(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(),
                o -> o.enriched().getBuyer() == null, WAIT);
        assertThat(enriched.enriched().getCaptured().getUpsell().getUpsellId()).isEqualTo(upsell.getUpsell().getUpsellId());
        Output status = outputs.await(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name(),
                o -> o.key().contains(":"), WAIT);
        assertThat(status.key()).isEqualTo(order.getCheckoutId() + ":" + upsell.getUpsell().getUpsellId());
        assertThat(status.status().getStatus()).isEqualTo(CheckoutStatus.ENRICHED);
        assertThat(status.status().getProductId()).isEqualTo(205L);
        assertThat(amazon.tokenInfoCalls(upsellToken)).hasSize(1);
        assertThat(amazon.profileCalls(upsellToken)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "rejected401, token_rejected, 1, 0",
        "rejected400, token_rejected, 1, 0",
        "forbidden403, token_rejected, 1, 1",
        "audmismatch, aud_mismatch, 1, 0",
        "exp0, token_expired, 1, 0"})
    void consentFailuresDeclineAtOnceWithoutRetry(String marker, String reason, int tokenInfoCalls, int profileCalls) {
        String token = TestCheckouts.token(marker);
        AmazonCheckoutCaptured order = TestCheckouts.order(token);
        KafkaTestClients.send(producer, order);

        OrderDeclined declined = outputs.await(order.getCheckoutId(), Topics.ORDER_DECLINED.name(), WAIT).declined();
        assertThat(declined.getDecline().getDeclineClass()).isEqualTo(DeclineClass.CONSENT);
        assertThat(declined.getDecline().getReason()).isEqualTo(reason);
        assertThat(declined.getDeclinedBy()).isEqualTo("profile-enricher");
        assertThat(declined.getAmazonOrderReferenceId()).isEqualTo(order.getAmazon().getOrderReferenceId());
        assertThat(declined.getSourceTopic()).isEqualTo(Topics.CHECKOUT_CAPTURED.name());
        Output status = outputs.await(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name(), WAIT);
        assertThat(status.status().getStatus()).isEqualTo(CheckoutStatus.DECLINED);
        assertThat(status.status().getDecline().getDeclineClass()).isEqualTo(DeclineClass.CONSENT);

        assertThat(amazon.tokenInfoCalls(token)).hasSize(tokenInfoCalls);
        assertThat(amazon.profileCalls(token)).hasSize(profileCalls);
        assertThat(outputs.of(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name())).isEmpty();
        assertThat(outputs.of(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name()))
                .extracting(o -> o.status().getStatus()).containsExactly(CheckoutStatus.DECLINED);
        assertNoOutputHoldsTheToken(order.getCheckoutId(), token);
    }

    @Test
    void tokenOlderThanItsLifeIsDeclinedWithoutCallingAmazon() {
        String token = TestCheckouts.token("old");
        AmazonCheckoutCaptured order = TestCheckouts.order(token, TestCheckouts.BILLER,
                Instant.now().minus(Duration.ofMinutes(61)));
        KafkaTestClients.send(producer, order);

        OrderDeclined declined = outputs.await(order.getCheckoutId(), Topics.ORDER_DECLINED.name(), WAIT).declined();
        assertThat(declined.getDecline().getDeclineClass()).isEqualTo(DeclineClass.CONSENT);
        assertThat(declined.getDecline().getReason()).isEqualTo("token_expired");
        assertThat(amazon.tokenInfoCalls(token)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"down503", "throttled429", "slowtimeout"})
    void transientFailuresAreRetriedThenDeclinedUnavailable(String marker) {
        String token = TestCheckouts.token(marker);
        AmazonCheckoutCaptured order = TestCheckouts.order(token);
        KafkaTestClients.send(producer, order);

        OrderDeclined declined = outputs.await(order.getCheckoutId(), Topics.ORDER_DECLINED.name(), WAIT).declined();
        assertThat(declined.getDecline().getDeclineClass()).isEqualTo(DeclineClass.UNAVAILABLE);
        assertThat(declined.getDecline().getReason()).isEqualTo("retry_budget_exhausted");
        outputs.await(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name(),
                o -> o.status().getStatus() == CheckoutStatus.DECLINED, WAIT);
        assertThat(outputs.of(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name()))
                .extracting(o -> o.status().getStatus())
                .containsExactly(CheckoutStatus.RETRYING, CheckoutStatus.DECLINED);
        assertThat(amazon.tokenInfoCalls(token)).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void connectionErrorsAreRetriedThenDeclinedUnavailable() {
        AmazonCheckoutCaptured order = TestCheckouts.order(TestCheckouts.token("refused"), UNREACHABLE_BILLER, Instant.now());
        KafkaTestClients.send(producer, order);

        OrderDeclined declined = outputs.await(order.getCheckoutId(), Topics.ORDER_DECLINED.name(), WAIT).declined();
        assertThat(declined.getDecline().getDeclineClass()).isEqualTo(DeclineClass.UNAVAILABLE);
        assertThat(declined.getRawMessage()).contains("connection_error");
        assertThat(outputs.of(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name()))
                .extracting(o -> o.status().getStatus()).contains(CheckoutStatus.RETRYING);
    }

    @Test
    void aTransientFailureThatClearsEndsEnrichedAfterRetrying() {
        String token = TestCheckouts.token("flaky");
        String scenario = "flaky-" + token;
        amazon.server().stubFor(get(urlPathEqualTo(AmazonStub.TOKENINFO)).atPriority(1)
                .withQueryParam("access_token", containing(token.substring(10, 50)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(aResponse().withStatus(503)));
        amazon.server().stubFor(get(urlPathEqualTo(AmazonStub.TOKENINFO)).atPriority(1)
                .withQueryParam("access_token", containing(token.substring(10, 50)))
                .inScenario(scenario).whenScenarioStateIs("second").willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500)));
        AmazonCheckoutCaptured order = TestCheckouts.order(token);
        KafkaTestClients.send(producer, order);

        outputs.await(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(), WAIT);
        outputs.await(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name(),
                o -> o.status().getStatus() == CheckoutStatus.ENRICHED, WAIT);
        assertThat(outputs.of(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name()))
                .extracting(o -> o.status().getStatus())
                .containsExactly(CheckoutStatus.RETRYING, CheckoutStatus.ENRICHED);
        assertThat(amazon.tokenInfoCalls(token)).hasSize(3);
    }

    @Test
    void aBillerWithARegionalOverrideIsServedByItsHost() {
        String token = TestCheckouts.token("eu");
        AmazonCheckoutCaptured order = TestCheckouts.order(token, EU_BILLER, Instant.now());
        KafkaTestClients.send(producer, order);

        outputs.await(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(), WAIT);
        assertThat(amazonEu.tokenInfoCalls(token)).hasSize(1);
        assertThat(amazonEu.profileCalls(token)).hasSize(1);
        assertThat(amazon.tokenInfoCalls(token)).isEmpty();
    }

    @Test
    void longNamesAreCutToTheCrmLimitEndToEnd() {
        AmazonCheckoutCaptured order = TestCheckouts.order(TestCheckouts.token("name-long"));
        KafkaTestClients.send(producer, order);

        Buyer buyer = outputs.await(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(), WAIT).enriched().getBuyer();
        assertThat(buyer.getName()).isEqualTo(AmazonStub.LONG_NAME);
        assertThat(buyer.getFirstName()).isEqualTo("Bartholomew");
        assertThat(buyer.getLastName()).isEqualTo("Maximilian Theodore Fitzgerald");
    }

    @Test
    void anUndeserializableRecordGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
        AmazonCheckoutCaptured next = TestCheckouts.order(TestCheckouts.token("after-garbage"));
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        try (Producer<String, byte[]> raw = KafkaTestClients.rawProducer(infra)) {
            raw.send(new ProducerRecord<>(Topics.CHECKOUT_CAPTURED.name(), 2, next.getCheckoutId(), garbage)).get();
        }
        KafkaTestClients.send(producer, next, 2);

        Output deadLetter = outputs.await(next.getCheckoutId(), OutputCollector.DLT, WAIT);
        assertThat(deadLetter.raw()).isEqualTo(garbage);
        assertThat(deadLetter.header("kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(deadLetter.header("kafka_dlt-exception-message")).isNotBlank();
        assertThat(deadLetter.header("kafka_dlt-original-topic")).isEqualTo(Topics.CHECKOUT_CAPTURED.name());
        assertThat(ByteBuffer.wrap(deadLetter.headers().lastHeader("kafka_dlt-original-partition").value()).getInt())
                .isEqualTo(2);
        assertThat(deadLetter.header("kafka_dlt-original-consumer-group")).startsWith("enricher-test-");
        // its checkout is told, so the lander does not wait for it: the status the intake shows
        CheckoutStatusChanged status = outputs.await(next.getCheckoutId(), Topics.CHECKOUT_STATUS.name(),
                o -> o.status().getStatus() == CheckoutStatus.DECLINED, WAIT).status();
        assertThat(status.getDecline().getDeclineClass()).isEqualTo(DeclineClass.INVALID_REQUEST);
        assertThat(status.getDecline().getReason()).isEqualTo("record_unreadable");
        outputs.await(next.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(), WAIT);
    }

    @Test
    void aRecordWithASchemaIdTheRegistryDoesNotKnowGoesToTheDeadLetterTopicWithADeclinedStatus() throws Exception {
        AmazonCheckoutCaptured order = TestCheckouts.order(TestCheckouts.token("unknown-schema"));
        byte[] unknownSchema = {0, 0x3a, (byte) 0xde, 0x68, (byte) 0xb1, 2, 4, 6}; // magic byte, schema id 987654321
        try (Producer<String, byte[]> raw = KafkaTestClients.rawProducer(infra)) {
            raw.send(new ProducerRecord<>(Topics.CHECKOUT_CAPTURED.name(), order.getCheckoutId(), unknownSchema)).get();
        }

        Output deadLetter = outputs.await(order.getCheckoutId(), OutputCollector.DLT, WAIT);
        assertThat(deadLetter.raw()).isEqualTo(unknownSchema);
        assertThat(deadLetter.header("kafka_dlt-exception-message")).contains("schema id 987654321 is not in the registry");
        CheckoutStatusChanged status = outputs.await(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name(), WAIT).status();
        assertThat(status.getStatus()).isEqualTo(CheckoutStatus.DECLINED);
        assertThat(status.getDecline().getDeclineClass()).isEqualTo(DeclineClass.INVALID_REQUEST);
        assertThat(status.getDecline().getReason()).isEqualTo("record_unreadable");
        assertThat(status.getAttempt()).as("the attempt is not known: the view takes it as the current one").isZero();
    }

    @Test
    void aTokenThatCannotBeDecryptedGoesToTheDeadLetterTopic() {
        AmazonCheckoutCaptured order = TestCheckouts.order(TestCheckouts.token("wrong-key"));
        TokenCipher other = new TokenCipher(TokenKeyRing.parse("t1:" + Base64.getEncoder().encodeToString(new byte[16])));
        order.getAmazon().setAccessToken(other.encrypt("Atza|other", order.getCheckoutId()));
        KafkaTestClients.send(producer, order);

        Output deadLetter = outputs.await(order.getCheckoutId(), OutputCollector.DLT, WAIT);
        assertThat(deadLetter.header("kafka_dlt-exception-fqcn")).isEqualTo(TokenCipher.TokenCipherException.class.getName());
        CheckoutStatusChanged status = outputs.await(order.getCheckoutId(), Topics.CHECKOUT_STATUS.name(), WAIT).status();
        assertThat(status.getStatus()).isEqualTo(CheckoutStatus.DECLINED);
        assertThat(status.getDecline().getReason()).isEqualTo("record_unreadable");
        assertThat(status.getAttempt()).as("read from the record").isEqualTo(order.getAttempt());
        assertThat(outputs.of(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name())).isEmpty();
    }

    @Test
    void metricsCountCallsRetriesAndDeclinesWithoutUrlsOrTokens() {
        AmazonCheckoutCaptured order = TestCheckouts.order(TestCheckouts.token("rejected401"));
        KafkaTestClients.send(producer, order);
        outputs.await(order.getCheckoutId(), Topics.ORDER_DECLINED.name(), WAIT);

        MeterRegistry registry = app.context().getBean(MeterRegistry.class);
        assertThat(registry.get("enricher.amazon.calls").tag("endpoint", "tokeninfo").tag("outcome", "http_401")
                .timer().count()).isPositive();
        assertThat(registry.get("enricher.declines").tag("class", "CONSENT").counter().count()).isPositive();
        assertThat(registry.get("enricher.in.flight").gauge()).isNotNull();
        List<String> tagValues = registry.getMeters().stream()
                .flatMap(m -> m.getId().getTags().stream()).map(t -> t.getValue()).toList();
        assertThat(tagValues).noneMatch(v -> v.contains("Atza") || v.contains("access_token"));
    }

    @Test
    void healthIsUpAndThePrometheusScrapeShowsTheMetersButNoToken() throws Exception {
        String token = TestCheckouts.token("happy");
        AmazonCheckoutCaptured order = TestCheckouts.order(token);
        KafkaTestClients.send(producer, order);
        outputs.await(order.getCheckoutId(), Topics.CHECKOUT_ENRICHED.name(), WAIT);

        String base = "http://127.0.0.1:" + app.context().getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("enricher_amazon_calls_seconds_count{endpoint=\"profile\",outcome=\"ok\"")
                .contains("enricher_in_flight").contains("enricher_enriched_total")
                .doesNotContain("Atza").doesNotContain("access_token");
    }

    private void assertNoOutputHoldsTheToken(String checkoutId, String token) {
        byte[] needle = token.getBytes(StandardCharsets.UTF_8);
        for (Output output : outputs.of(checkoutId)) {
            assertThat(indexOf(output.raw(), needle)).as(output.topic()).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
