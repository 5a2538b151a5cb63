package io.checkoutrelay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.schemas.identity.CheckoutIds;

class CheckoutRequestsTest {

    private final CheckoutRequests requests = new CheckoutRequests("S0B", 7654321, "127.0.0.1", 8080);

    @Test
    void everySequenceNumberIsItsOwnValidOrderReference() {
        assertThat(requests.orderReference(42)).isEqualTo("S0B-7654321-0000042")
                .matches("[A-Z][0-9A-Z]{2}-[0-9]{7}-[0-9]{7}");
        assertThat(requests.orderReference(43)).isNotEqualTo(requests.orderReference(42));
        assertThat(requests.checkoutId(42)).isEqualTo(CheckoutIds.checkoutId("S0B-7654321-0000042"));
    }

    @Test
    void theRequestIsACompleteHttpPostWithAnExactContentLength() {
        String wire = new String(requests.request(7), StandardCharsets.UTF_8);
        String body = wire.substring(wire.indexOf("\r\n\r\n") + 4);

        assertThat(wire).startsWith("POST /v1/checkouts HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n")
                .contains("Content-Type: application/json\r\n")
                .contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
        assertThat(body).contains("\"orderReferenceId\":\"S0B-7654321-0000007\"")
                .contains("\"accessToken\":\"Atza|IwEBIbench-S0B-7654321-0000007\"");
    }

    @Test
    void badPrefixesAndRunNumbersAreRefused() {
        assertThatThrownBy(() -> new CheckoutRequests("s01", 1, "h", 1)).hasMessageContaining("'s01'");
        assertThatThrownBy(() -> new CheckoutRequests("S01", 12_345_678, "h", 1)).hasMessageContaining("7 digits");
        assertThatThrownBy(() -> requests.orderReference(10_000_000)).hasMessageContaining("more than");
    }
}
