package io.checkoutrelay.enricher.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutrelay.enricher.metrics.EnricherMetrics;
import io.checkoutrelay.enricher.support.AmazonStub;
import io.checkoutrelay.enricher.support.TestCheckouts;
import io.checkoutrelay.localstack.FreePort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** One call to Login with Amazon against documented answers: what each becomes, and what is sent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginWithAmazonTest {

    private AmazonStub stub;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LoginWithAmazon amazon = new LoginWithAmazon(
            LoginWithAmazon.httpClient(Duration.ofSeconds(1), Duration.ofSeconds(2), 4),
            JsonMapper.builder().build(), new EnricherMetrics(registry));

    @BeforeAll
    void start() {
        stub = new AmazonStub();
    }

    @AfterAll
    void stop() {
        stub.close();
    }

    @Test
    void tokenInfoSendsTheTokenUrlEncodedAsAmazonRequiresAndReadsAudAndExp() {
        String token = TestCheckouts.token("happy");
        TokenInfo info = amazon.tokenInfo(stub.baseUrl(), token);
        assertThat(info.aud()).isEqualTo(TestCheckouts.CLIENT_ID);
        assertThat(info.userId()).isEqualTo("amzn1.account.TESTBUYER");
        assertThat(info.expiresAt(Instant.EPOCH)).isEqualTo(Instant.EPOCH.plusSeconds(3500));
        assertThat(stub.tokenInfoCalls(token)).hasSize(1);
    }

    @Test
    void profileSendsTheTokenAsBearer() {
        String token = TestCheckouts.token("name-oneword");
        AmazonProfile profile = amazon.profile(stub.baseUrl(), token);
        assertThat(profile).isEqualTo(new AmazonProfile("amzn1.account.TESTBUYER", "Cher", "jane@example.com", "98101"));
        assertThat(stub.profileCalls(token)).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"rejected400, 400", "rejected401, 401"})
    void badRequestAndUnauthorizedAreARejectedToken(String marker, int status) {
        String token = TestCheckouts.token(marker);
        assertThatThrownBy(() -> amazon.tokenInfo(stub.baseUrl(), token))
                .isInstanceOfSatisfying(AmazonRejectedToken.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.rawMessage()).contains("invalid_token");
                    assertThat(e.getMessage()).doesNotContain(token).doesNotContain("access_token");
                });
    }

    @Test
    void forbiddenProfileIsARejectedToken() {
        assertThatThrownBy(() -> amazon.profile(stub.baseUrl(), TestCheckouts.token("forbidden403")))
                .isInstanceOfSatisfying(AmazonRejectedToken.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @ParameterizedTest
    @CsvSource({"down503, http_5xx", "throttled429, http_429", "slowtimeout, timeout"})
    void transientAnswersAreUnavailable(String marker, String outcome) {
        String token = TestCheckouts.token(marker);
        assertThatThrownBy(() -> amazon.tokenInfo(stub.baseUrl(), token))
                .isInstanceOfSatisfying(AmazonUnavailable.class, e -> {
                    assertThat(e.outcome()).isEqualTo(outcome);
                    assertThat(e.getMessage()).doesNotContain(token).doesNotContain("access_token");
                });
        assertThat(registry.get("enricher.amazon.calls").tag("endpoint", "tokeninfo").tag("outcome", outcome)
                .timer().count()).isPositive();
    }

    @Test
    void refusedConnectionIsUnavailable() {
        assertThatThrownBy(() -> amazon.tokenInfo("http://127.0.0.1:" + FreePort.pick(), TestCheckouts.token("x")))
                .isInstanceOfSatisfying(AmazonUnavailable.class, e -> assertThat(e.outcome()).isEqualTo("connection_error"));
    }

    @Test
    void aNonJsonBodyIsUnavailableNotASuccess() {
        stub.stubTokenInfo("htmlbody", 200, "<html>Bad Gateway</html>", 0, 1);
        assertThatThrownBy(() -> amazon.tokenInfo(stub.baseUrl(), TestCheckouts.token("htmlbody")))
                .isInstanceOfSatisfying(AmazonUnavailable.class, e -> assertThat(e.outcome()).isEqualTo("bad_body"));
    }

    @Test
    void anErrorBodyThatEchoesTheTokenIsRedacted() {
        String token = "Atza|echo-token";
        assertThat(LoginWithAmazon.redact("{\"error\":\"invalid_token\",\"token\":\"Atza|echo-token\"}", token))
                .doesNotContain(token).contains("[token]");
    }

    @Test
    void expIsSecondsLeftOrAnEpochSecond() {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        assertThat(new TokenInfo("a", "u", 3597L).expiresAt(now)).isEqualTo(now.plusSeconds(3597));
        assertThat(new TokenInfo("a", "u", 1_800_000_000L).expiresAt(now)).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(new TokenInfo("a", "u", null).expiresAt(now)).isNull();
    }

    @Test
    void regionalOverrideByBillerElseTheDefaultHost() {
        AmazonHosts hosts = new AmazonHosts("https://api.amazon.com/", java.util.Map.of(7L, "https://api.amazon.de"));
        assertThat(hosts.baseUrlFor(7)).isEqualTo("https://api.amazon.de");
        assertThat(hosts.baseUrlFor(8)).isEqualTo("https://api.amazon.com");
    }
}
