package io.checkoutrelay.importer.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.schemas.DeclineClass;
import tools.jackson.databind.json.JsonMapper;

class CrmResponseParserTest {

    private static final String TOKEN = "Atza|IwEBIsecret-token-value";
    private final CrmResponseParser parser = new CrmResponseParser(JsonMapper.builder().build());

    private CrmResult parse(int status, String body) {
        return parser.parse(status, body, List.of(TOKEN, "p&ss=word"));
    }

    @Test
    void successCarriesTheOrder() {
        CrmResult result = parse(200, "{\"result\":\"SUCCESS\",\"message\":{\"orderId\":\"A1B2\",\"customerId\":7,"
                + "\"orderStatus\":\"COMPLETE\",\"totalAmount\":\"39.90\",\"items\":[{\"productId\":101,\"qty\":2,\"price\":\"19.95\"}]}}");
        assertThat(result.outcome()).isEqualTo(CrmResult.Outcome.SUCCESS);
        CrmOrderView order = CrmOrderView.from(result.message());
        assertThat(order.orderId()).isEqualTo("A1B2");
        assertThat(order.customerId()).isEqualTo("7");
        assertThat(order.items()).singleElement().satisfies(item -> {
            assertThat(item.productId()).isEqualTo(101);
            assertThat(item.quantity()).isEqualTo(2);
            assertThat(item.price()).isEqualByComparingTo("19.95");
        });
        assertThat(DeclineClassifier.classify(result).kind()).isEqualTo(Verdict.Kind.IMPORTED);
    }

    @Test
    void aResultPrintedInALogLineCarriesNoSecretTheCrmEchoed() {
        CrmResult result = parse(200, "{\"result\":\"SUCCESS\",\"message\":{\"orderId\":\"A1B2\","
                + "\"paySource\":\"" + TOKEN + "\",\"note\":\"p&ss=word\"}}");

        assertThat(result.toString()).contains("SUCCESS", "A1B2").doesNotContain(TOKEN).doesNotContain("p&ss=word");
    }

    @Test
    void declineReasonsAreClassifiedByTheArchitectureTable() {
        assertThat(DeclineClassifier.classify(parse(200, "{\"result\":\"ERROR\",\"message\":\"Transaction Declined: InvalidPaymentMethod\"}")))
                .isEqualTo(new Verdict(Verdict.Kind.DECLINED, DeclineClass.CUSTOMER_ACTION, "InvalidPaymentMethod"));
        assertThat(DeclineClassifier.classify(parse(200, "{\"result\":\"ERROR\",\"message\":\"declined: shippingaddressnotset\"}")))
                .isEqualTo(new Verdict(Verdict.Kind.DECLINED, DeclineClass.CUSTOMER_ACTION, "ShippingAddressNotSet"));
        assertThat(DeclineClassifier.classify(parse(200, "{\"result\":\"DECLINED\",\"message\":\"Transaction Declined: AmazonRejected\"}")))
                .isEqualTo(new Verdict(Verdict.Kind.DECLINED, DeclineClass.TERMINAL, "AmazonRejected"));
        assertThat(DeclineClassifier.classify(parse(200, "{\"result\":\"ERROR\",\"message\":\"Transaction Declined: ProcessingFailure\"}")).kind())
                .isEqualTo(Verdict.Kind.RETRY);
        assertThat(DeclineClassifier.classify(parse(200, "{\"result\":\"ERROR\",\"message\":\"Transaction Declined: TransactionTimedOut\"}")).kind())
                .isEqualTo(Verdict.Kind.RETRY);
        assertThat(DeclineClassifier.classify(parse(200, "{\"result\":\"ERROR\",\"message\":\"Card no good\"}")))
                .isEqualTo(new Verdict(Verdict.Kind.DECLINED, DeclineClass.TERMINAL, "crm_declined"));
    }

    @Test
    void validationErrorKeepsTheFieldErrors() {
        CrmResult result = parse(200, "{\"result\":\"ERROR\",\"message\":{\"product1_id\":\"Invalid product\",\"campaignId\":\"Invalid campaign\"}}");
        assertThat(result.outcome()).isEqualTo(CrmResult.Outcome.VALIDATION_ERROR);
        assertThat(result.fieldErrors()).containsEntry("product1_id", "Invalid product")
                .containsEntry("campaignId", "Invalid campaign");
        assertThat(DeclineClassifier.classify(result))
                .isEqualTo(new Verdict(Verdict.Kind.DECLINED, DeclineClass.INVALID_REQUEST, "validation_error"));
    }

    @Test
    void merchantRedirectIsATerminalDecline() {
        CrmResult result = parse(200, "{\"result\":\"MERC_REDIRECT\",\"message\":{\"url\":\"https://example.test/3ds\"}}");
        assertThat(DeclineClassifier.classify(result))
                .isEqualTo(new Verdict(Verdict.Kind.DECLINED, DeclineClass.TERMINAL, "merchant_redirect"));
        assertThat(result.rawMessage()).contains("https://example.test/3ds");
    }

    @Test
    void nonJsonAndHttpErrorsAreUnknownOutcomes() {
        assertThat(DeclineClassifier.classify(parse(200, "<html>Bad Gateway</html>")).kind()).isEqualTo(Verdict.Kind.UNKNOWN);
        for (int status : new int[] {500, 502, 503, 504}) {
            assertThat(DeclineClassifier.classify(parse(status, "<html>" + status + "</html>")).kind())
                    .as("HTTP %d", status).isEqualTo(Verdict.Kind.UNKNOWN);
        }
        assertThat(DeclineClassifier.classify(parse(200, "{\"message\":\"no result\"}")).kind()).isEqualTo(Verdict.Kind.UNKNOWN);
        assertThat(DeclineClassifier.classify(CrmResult.transportFailure(0, "HttpTimeoutException")).kind())
                .isEqualTo(Verdict.Kind.UNKNOWN);
        assertThat(DeclineClassifier.classify(CrmResult.notSent("circuit open")).kind()).isEqualTo(Verdict.Kind.NOT_SENT);
    }

    @Test
    void a429WasRefusedBeforeTheCrmWorkedOnItAndKeepsItsRetryAfter() {
        CrmResult plain = parse(429, "<html>429 Too Many Requests</html>");
        assertThat(DeclineClassifier.classify(plain).kind()).isEqualTo(Verdict.Kind.NOT_SENT);
        assertThat(plain.httpStatus()).isEqualTo(429);
        assertThat(plain.retryAfter()).isNull();

        CrmResult advised = parser.parse(429, "3", "", List.of());
        assertThat(DeclineClassifier.classify(advised).kind()).isEqualTo(Verdict.Kind.NOT_SENT);
        assertThat(advised.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(3));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        java.time.Instant now = java.time.Instant.parse("2026-11-29T08:00:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(java.time.Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 08:00:07 GMT", now)).contains(java.time.Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 07:59:00 GMT", now)).contains(java.time.Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @Test
    void queryWithoutMatchIsNotAnOutage() {
        CrmResult result = parse(200, "{\"result\":\"ERROR\",\"message\":\"No orders matching those parameters could be found\"}");
        assertThat(result.noMatchingOrder()).isTrue();
    }

    @Test
    void secretsNeverSurviveInTheRawMessage() {
        CrmResult result = parse(200, "{\"result\":\"ERROR\",\"message\":\"bad consent " + TOKEN
                + " for p&ss=word, also Atza%7Cother-token and Atza|third\"}");
        assertThat(result.rawMessage()).doesNotContain("secret-token", "p&ss=word", "other-token", "third")
                .contains("[redacted]");
        CrmResult html = parse(502, "<html>password=p%26ss%3Dword</html>");
        assertThat(html.rawMessage()).doesNotContain("p%26ss%3Dword");
    }

    @Test
    void aSuccessfulReplysMessageIsWrittenOutRedactedWhenAskedFor() {
        // made only when a decline or a log line quotes it; redacted all the same
        CrmResult result = parse(200, "{\"result\":\"SUCCESS\",\"message\":{\"orderId\":\"A1B2\","
                + "\"note\":\"consent " + TOKEN + " p&ss=word\"}}");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.rawMessage()).contains("A1B2", "[redacted]").doesNotContain("secret-token", "p&ss=word");
        assertThat(result.rawMessage()).isSameAs(result.rawMessage());
    }

    @Test
    void tokensAreRedactedHoweverTheyAreEncoded() {
        String once = java.net.URLEncoder.encode(TOKEN, java.nio.charset.StandardCharsets.UTF_8);
        String twice = java.net.URLEncoder.encode(once, java.nio.charset.StandardCharsets.UTF_8);
        String text = "consent " + once + " / " + twice + " / " + TOKEN.replace("|", "&#124;") + " / "
                + TOKEN.replace("|", "&#x7c;") + " / atza%7cIwEBIlower-case / Atza%257CIwEBIforeign / "
                + "Atzr|IwEBIrefresh-token";

        String redacted = Secrets.redact(text, List.of(TOKEN));

        assertThat(redacted).doesNotContain("secret-token-value").doesNotContain("lower-case")
                .doesNotContain("foreign").doesNotContain("refresh-token").startsWith("consent [redacted] / [redacted]");
    }
}
