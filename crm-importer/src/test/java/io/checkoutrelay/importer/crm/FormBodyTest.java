package io.checkoutrelay.importer.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.importer.config.ImporterProperties;
import io.checkoutrelay.importer.metrics.ImporterMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

class FormBodyTest {

    @Test
    void credentialsGoInTheBodyUrlEncoded() {
        var settings = new ImporterProperties.CheckoutChamp("http://127.0.0.1:1", "api-user", "p&ss=w rd+",
                Duration.ofSeconds(1), Duration.ofSeconds(1), 2);
        try (var client = new CheckoutChampClient(settings, new CrmResponseParser(JsonMapper.builder().build()),
                RateLimiter.ofDefaults("t"), CircuitBreaker.ofDefaults("t"), new ImporterMetrics(new SimpleMeterRegistry()),
                io.checkoutrelay.observability.trace.CheckoutTracing.noop())) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("orderId", "A1");
            params.put("amazonAddressConsent", "Atza|a&b");
            params.put("couponCode", null);
            assertThat(client.formBody(params)).isEqualTo(
                    "loginId=api-user&password=p%26ss%3Dw+rd%2B&orderId=A1&amazonAddressConsent=Atza%7Ca%26b");
            assertThat(settings.toString()).doesNotContain("p&ss");
        }
    }
}
