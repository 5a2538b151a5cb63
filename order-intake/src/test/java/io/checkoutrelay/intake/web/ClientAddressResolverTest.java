package io.checkoutrelay.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutrelay.intake.config.IntakeProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** X-Forwarded-For is believed only when the connection comes from a configured trusted proxy. */
class ClientAddressResolverTest {

    private static ClientAddressResolver trusting(String... proxies) {
        return new ClientAddressResolver(new IntakeProperties(List.of(), List.of(proxies), DataSize.ofKilobytes(16),
                new IntakeProperties.Publish(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(2)),
                new IntakeProperties.RateLimit(true, 10, 30, 1000),
                new IntakeProperties.Status(Duration.ofSeconds(30), Duration.ofSeconds(3), 100, Duration.ofSeconds(5), 1000),
                new IntakeProperties.ClientPrices(List.of())));
    }

    @Test
    void untrustedPeerCannotSpoofItsAddress() {
        assertThat(trusting().resolve("198.51.100.9", List.of("1.2.3.4"))).isEqualTo("198.51.100.9");
        assertThat(trusting("10.0.0.1").resolve("198.51.100.9", List.of("1.2.3.4"))).isEqualTo("198.51.100.9");
    }

    @Test
    void trustedProxyChainIsReadFromTheRight() {
        ClientAddressResolver resolver = trusting("10.0.0.0/8", "2001:db8::/32");
        assertThat(resolver.resolve("10.0.0.1", List.of("1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(resolver.resolve("10.0.0.1", List.of("6.6.6.6, 1.2.3.4, 10.9.9.9"))).isEqualTo("1.2.3.4");
        assertThat(resolver.resolve("10.0.0.1", List.of("6.6.6.6", "1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(resolver.resolve("2001:db8::1", List.of("2001:db9::7"))).isEqualTo("2001:db9::7");
        assertThat(resolver.resolve("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
        assertThat(resolver.resolve("10.0.0.1", List.of("not-an-ip"))).isEqualTo("10.0.0.1");
    }

    @Test
    void badProxySettingIsRefused() {
        assertThatThrownBy(() -> trusting("proxy.example")).hasMessageContaining("intake.trusted-proxies");
    }
}
