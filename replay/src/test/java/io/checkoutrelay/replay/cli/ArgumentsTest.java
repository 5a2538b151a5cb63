package io.checkoutrelay.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static final String CHECKOUT = "3f2b8c1e-5d4a-5b6c-9e7f-0a1b2c3d4e5f";

    private static Request parse(String... args) {
        return Arguments.parse(List.of(args), Map.of());
    }

    @Test
    void declinedTakesCheckoutsWindowAndDryRun() {
        Request.Declined request = (Request.Declined) parse("declined", "--checkout", CHECKOUT, "--since=2026-11-28T10:00:00Z",
                "--until", "2026-11-28T11:00:00Z", "--dry-run");
        assertThat(request.checkoutIds()).containsExactly(CHECKOUT);
        assertThat(request.since()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(request.until()).isEqualTo(Instant.parse("2026-11-28T11:00:00Z"));
        assertThat(request.dryRun()).isTrue();
        assertThat(request.connection().bootstrapServers()).isEqualTo(Arguments.DEFAULT_BOOTSTRAP);
        assertThat(request.connection().registryUrl()).isEqualTo(Arguments.DEFAULT_REGISTRY);
    }

    @Test
    void connectionComesFromOptionThenEnvironmentThenDefault() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "SCHEMA_REGISTRY_URL", "http://reg/apis");
        Request.Declined fromEnv = (Request.Declined) Arguments.parse(List.of("declined", "--checkout", CHECKOUT), env);
        assertThat(fromEnv.connection().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(fromEnv.connection().registryUrl()).isEqualTo("http://reg/apis");
        Request.Declined fromOption = (Request.Declined) Arguments.parse(
                List.of("declined", "--checkout", CHECKOUT, "--bootstrap-servers", "b:1"), env);
        assertThat(fromOption.connection().bootstrapServers()).isEqualTo("b:1");
    }

    @Test
    void onlyUnavailableDeclinesMayBeAskedFor() {
        assertThat(parse("declined", "--since", "2026-11-28T10:00:00Z", "--class", "UNAVAILABLE"))
                .isInstanceOf(Request.Declined.class);
        assertThatThrownBy(() -> parse("declined", "--since", "2026-11-28T10:00:00Z", "--class", "CUSTOMER_ACTION"))
                .hasMessageContaining("--class CUSTOMER_ACTION cannot be replayed").hasMessageContaining("buyer");
        assertThatThrownBy(() -> parse("declined", "--since", "2026-11-28T10:00:00Z", "--class", "CONSENT"))
                .hasMessageContaining("would decline again");
        assertThatThrownBy(() -> parse("declined", "--since", "2026-11-28T10:00:00Z", "--class", "TERMINAL"))
                .hasMessageContaining("would decline again");
        assertThatThrownBy(() -> parse("declined", "--since", "2026-11-28T10:00:00Z", "--class", "INVALID_REQUEST"))
                .hasMessageContaining("would decline again");
        assertThatThrownBy(() -> parse("declined", "--since", "2026-11-28T10:00:00Z", "--class", "LATER"))
                .hasMessageContaining("--class LATER").hasMessageContaining("unknown decline class");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> parse()).hasMessageContaining("no command");
        assertThatThrownBy(() -> parse("redo")).hasMessageContaining("unknown command 'redo'");
        assertThatThrownBy(() -> parse("declined")).hasMessageContaining("--checkout").hasMessageContaining("--since");
        assertThatThrownBy(() -> parse("declined", "--checkout", "abc")).hasMessageContaining("--checkout abc is not a checkout id");
        assertThatThrownBy(() -> parse("declined", "--checkout")).hasMessageContaining("--checkout needs a value");
        assertThatThrownBy(() -> parse("declined", "--since", "yesterday")).hasMessageContaining("--since yesterday is not an ISO-8601 instant");
        assertThatThrownBy(() -> parse("declined", "--since", "2026-11-28T11:00:00Z", "--until", "2026-11-28T10:00:00Z"))
                .hasMessageContaining("is not before --until");
        assertThatThrownBy(() -> parse("declined", "--checkout", CHECKOUT, "--topic", "x.dlt"))
                .hasMessageContaining("unknown option --topic for 'declined'");
        assertThatThrownBy(() -> parse("declined", CHECKOUT)).hasMessageContaining("unexpected argument");
        assertThatThrownBy(() -> parse("dlt")).hasMessageContaining("dlt needs --topic");
        assertThatThrownBy(() -> parse("dlt", "--topic", "amazon.checkout.captured.v1"))
                .hasMessageContaining("is not a dead-letter topic");
        assertThatThrownBy(() -> parse("dlt", "--topic", "a.dlt", "--partition", "1"))
                .hasMessageContaining("come in pairs");
        assertThatThrownBy(() -> parse("dlt", "--topic", "a.dlt", "--partition", "x", "--offset", "1"))
                .hasMessageContaining("--partition x is not a number");
        assertThatThrownBy(() -> parse("dlt", "--topic", "a.dlt", "--partition", "1", "--offset", "-1"))
                .hasMessageContaining("--offset -1");
    }

    @Test
    void dltTakesPositionsInPairs() {
        Request.DeadLetters request = (Request.DeadLetters) parse("dlt", "--topic", "amazon.checkout.enriched.v1.dlt",
                "--partition", "2", "--offset", "7", "--partition", "0", "--offset", "1");
        assertThat(request.positions()).containsExactly(new Position("amazon.checkout.enriched.v1.dlt", 2, 7),
                new Position("amazon.checkout.enriched.v1.dlt", 0, 1));
        assertThat(parse("dlt", "--help")).isInstanceOf(Request.Help.class);
    }

    @Test
    void consoleTakesMetricsPortAndWindowFromOptionsOrEnvironment() {
        Request.Console request = (Request.Console) parse("console", "--metrics",
                "profile-enricher=http://127.0.0.1:8082/actuator/prometheus,http://127.0.0.1:8083/actuator/prometheus",
                "--port", "9000", "--window", "30m");
        assertThat(request.metrics()).extracting(s -> s.url().getPort()).containsExactly(8082, 8083);
        assertThat(request.metrics()).extracting(MetricsSource::name).containsExactly("profile-enricher", "");
        assertThat(request.port()).isEqualTo(9000);
        assertThat(request.window()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(request.bindAddress()).isEqualTo("127.0.0.1");

        Request.Console fromEnv = (Request.Console) Arguments.parse(List.of("console"), Map.of("CONSOLE_METRICS",
                "http://importer:8083/actuator/prometheus", "CONSOLE_BIND", "0.0.0.0", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
        assertThat(fromEnv.port()).isEqualTo(Arguments.DEFAULT_CONSOLE_PORT);
        assertThat(fromEnv.window()).isEqualTo(Arguments.DEFAULT_WINDOW);
        assertThat(fromEnv.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(fromEnv.connection().bootstrapServers()).isEqualTo("kafka:9092");
    }

    @Test
    void consoleRefusesWhatItCannotUseAndSaysWhy() {
        assertThatThrownBy(() -> parse("console")).hasMessageContaining("--metrics").hasMessageContaining("CONSOLE_METRICS");
        assertThatThrownBy(() -> parse("console", "--metrics", "importer:8083")).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> parse("console", "--metrics", "http://a:1/m", "--window", "6 hours"))
                .hasMessageContaining("--window 6 hours is not a duration");
        assertThatThrownBy(() -> parse("console", "--metrics", "http://a:1/m", "--dry-run"))
                .hasMessageContaining("writes nothing");
    }
}
