package io.checkoutrelay.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.checkoutrelay.intake.checkout.CheckoutRequest;
import io.checkoutrelay.intake.support.Checkouts;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void validOrderIsReadWithDefaults() {
        CheckoutRequest request = RequestRules.checkout(JSON.readTree(Checkouts.order("P01-1234567-7654321")));
        assertThat(request.campaignId()).isEqualTo(12);
        assertThat(request.products().get(0).price()).isEqualTo(new BigDecimal("29.95"));
        assertThat(request.products().get(1).quantity()).isEqualTo(1);
        assertThat(request.products().get(1).price()).isNull();
        assertThat(request.amazon().toString()).doesNotContain(Checkouts.TOKEN).contains("redacted");
    }

    @Test
    void billingAgreementIdsAndSandboxTokensPass() {
        String body = Checkouts.order("C01-1234567-7654321", "Atza|sandbox-declined-123").replace("\"recurring\": false",
                "\"recurring\": true");
        assertThat(RequestRules.checkout(JSON.readTree(body)).amazon().recurring()).isTrue();
    }

    @Test
    void realisticLongTokenPassesAndOverlongFails() {
        String real = "Atza|IwEBI" + "AbCd-_+/=0123456789".repeat(30);
        assertThat(RequestRules.checkout(JSON.readTree(Checkouts.order("S01-1234567-7654321", real))).amazon().accessToken())
                .isEqualTo(real);
        String overlong = "Atza|" + "a".repeat(2044);
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> RequestRules.checkout(JSON.readTree(Checkouts.order("S01-1234567-7654321", overlong))));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("amazon.accessToken");
        assertThat(e.errors().get(0).message()).doesNotContain(overlong);
    }
}
