package io.checkoutrelay.sandbox.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.sandbox.SandboxHttpTest;
import tools.jackson.databind.JsonNode;

/** Login, transport and field checks: what a client gets wrong and how the CRM tells it. */
class CrmRequestValidationTest extends SandboxHttpTest {

    @Test
    void wrongPasswordIsInvalidLogin() throws Exception {
        Map<String, String> params = withLogin(leadParams());
        params.put("password", "wrong");

        JsonNode answer = body(postForm("/leads/import/", params));

        assertThat(answer.get("result").asString()).isEqualTo("ERROR");
        assertThat(answer.get("message").asString()).isEqualTo("Invalid login credentials");
        assertThat(body(get("/sandbox/orders"))).isEmpty();
    }

    @Test
    void missingCredentialsAreInvalidLogin() throws Exception {
        JsonNode answer = body(postForm("/leads/import/", leadParams()));

        assertThat(answer.get("message").asString()).isEqualTo("Invalid login credentials");
    }

    @Test
    void credentialsInTheQueryStringAreRejectedEvenWhenCorrect() throws Exception {
        String query = "?loginId=" + LOGIN_ID + "&password=" + encode(PASSWORD);

        JsonNode answer = body(postForm("/leads/import/" + query, leadParams()));

        assertThat(answer.get("result").asString()).isEqualTo("ERROR");
        assertThat(answer.get("message").asString()).contains("never in the URL");
        assertThat(body(get("/sandbox/orders"))).isEmpty();
    }

    @Test
    void getIsRejected() throws Exception {
        JsonNode answer = body(get("/order/query/?orderId=X"));

        assertThat(answer.get("result").asString()).isEqualTo("ERROR");
        assertThat(answer.get("message").asString()).contains("POST");
    }

    @Test
    void jsonBodyIsRejected() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/leads/import/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(withLogin(leadParams()))))
                .build());

        assertThat(body(response).get("result").asString()).isEqualTo("ERROR");
        assertThat(body(response).get("message").asString()).contains("x-www-form-urlencoded");
    }

    @Test
    void formSpecialCharactersSurviveWhenEncoded() throws Exception {
        // the password configured for the tests contains '&', '=', '+' and '%' as well
        Map<String, String> params = leadParams();
        params.put("lastName", "Doe & Sons=1");

        JsonNode answer = crm("leads/import", params);

        assertThat(answer.get("message").get("lastName").asString()).isEqualTo("Doe & Sons=1");
    }

    @Test
    void missingRequiredFieldsAreNamed() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("campaignId", "12");

        JsonNode answer = crm("order/import", params);

        assertThat(answer.get("result").asString()).isEqualTo("ERROR");
        JsonNode errors = answer.get("message");
        assertThat(errors.propertyNames()).contains("firstName", "lastName", "emailAddress", "paySource",
                "product1_id", "amazonBillerId", "amazonOrderId", "amazonAddressConsent");
        assertThat(errors.get("firstName").asString()).isEqualTo("is required");
    }

    @Test
    void leadNeedsItsFourFields() throws Exception {
        JsonNode answer = crm("leads/import", Map.of("firstName", "Jane"));

        assertThat(answer.get("message").propertyNames())
                .containsExactlyInAnyOrder("lastName", "emailAddress", "campaignId");
    }

    @Test
    void textOver30CharactersAndEmailOver255AreNamed() throws Exception {
        Map<String, String> params = orderParams(null, 101);
        params.put("lastName", "x".repeat(31));
        params.put("city", "y".repeat(31));
        params.put("emailAddress", "a".repeat(250) + "@example.com");

        JsonNode answer = crm("order/import", params);

        JsonNode errors = answer.get("message");
        assertThat(errors.get("lastName").asString()).contains("30");
        assertThat(errors.get("city").asString()).contains("30");
        assertThat(errors.get("emailAddress").asString()).contains("255");
        assertThat(errors.has("firstName")).isFalse();
    }

    @Test
    void exactly30CharactersIsAccepted() throws Exception {
        Map<String, String> params = orderParams(null, 101);
        params.put("lastName", "x".repeat(30));

        assertThat(crm("order/import", params).get("result").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void onlyAmazonPaySourceIsAccepted() throws Exception {
        Map<String, String> params = orderParams(null, 101);
        params.put("paySource", "CREDITCARD");

        assertThat(crm("order/import", params).get("message").get("paySource").asString()).isEqualTo("must be AMAZON");
    }

    @Test
    void campaign999IsInvalidOnEveryCall() throws Exception {
        Map<String, String> lead = leadParams();
        lead.put("campaignId", "999");
        Map<String, String> order = orderParams(null, 101);
        order.put("campaignId", "999");

        for (JsonNode answer : new JsonNode[] {crm("leads/import", lead), crm("order/import", order),
                crm("order/query", Map.of("orderId", "X", "campaignId", "999"))}) {
            assertThat(answer.get("result").asString()).isEqualTo("ERROR");
            assertThat(answer.get("message").get("campaignId").asString()).isEqualTo("Invalid campaign");
        }
        assertThat(body(get("/sandbox/orders"))).isEmpty();
    }

    @Test
    void unknownOrderIdIsAValidationError() throws Exception {
        JsonNode answer = crm("order/import", orderParams("NOSUCHORD1", 101));

        assertThat(answer.get("message").get("orderId").asString()).isEqualTo("is invalid");
    }
}
