package io.checkoutrelay.sandbox.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.checkoutrelay.sandbox.SandboxHttpTest;
import tools.jackson.databind.JsonNode;

/** tokeninfo and profile, and the token markers. The tests run with a 1.2 s slow-delay. */
class LoginWithAmazonTest extends SandboxHttpTest {

    private static final String CLIENT_ID = "amzn1.application-oa2-client.checkout-relay-local";

    private HttpResponse<String> tokenInfo(String token) throws Exception {
        return get("/auth/o2/tokeninfo?access_token=" + encode(token));
    }

    private HttpResponse<String> profile(String token) throws Exception {
        return get("/user/profile", "Authorization", "Bearer " + token);
    }

    @Test
    void tokenInfoNamesOurClientAndAStableUser() throws Exception {
        HttpResponse<String> response = tokenInfo("Atza|IwEBIabc");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = body(response);
        assertThat(info.get("iss").asString()).isEqualTo("https://www.amazon.com");
        assertThat(info.get("aud").asString()).isEqualTo(CLIENT_ID);
        assertThat(info.get("user_id").asString()).startsWith("amzn1.account.");
        assertThat(info.get("exp").asLong()).isBetween(3590L, 3600L);
        assertThat(info.get("iat").asLong()).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(5L));
        assertThat(body(tokenInfo("Atza|IwEBIabc")).get("user_id")).isEqualTo(info.get("user_id"));
        assertThat(body(tokenInfo("Atza|IwEBIxyz")).get("user_id")).isNotEqualTo(info.get("user_id"));
    }

    @Test
    void profileGivesNameEmailAndPostalCodeOfTheSameUser() throws Exception {
        JsonNode profile = body(profile("Atza|IwEBIabc"));

        assertThat(profile.get("name").asString()).isEqualTo("Jane Q Doe");
        assertThat(profile.get("email").asString()).endsWith("@example.com");
        assertThat(profile.get("postal_code").asString()).isEqualTo("98101");
        assertThat(profile.get("user_id")).isEqualTo(body(tokenInfo("Atza|IwEBIabc")).get("user_id"));
    }

    @Test
    void missingTokenIsInvalidRequest() throws Exception {
        HttpResponse<String> noParam = get("/auth/o2/tokeninfo");
        HttpResponse<String> noHeader = get("/user/profile");

        assertThat(noParam.statusCode()).isEqualTo(400);
        assertThat(body(noParam).get("error").asString()).isEqualTo("invalid_request");
        assertThat(noHeader.statusCode()).isEqualTo(400);
        assertThat(body(noHeader).get("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void tokenNotStartingWithAtzaIsInvalid() throws Exception {
        HttpResponse<String> response = tokenInfo("notAmazon|abc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).get("error").asString()).isEqualTo("invalid_token");
        assertThat(body(response).has("error_description")).isTrue();
    }

    @Test
    void audMismatchNamesAnotherClient() throws Exception {
        JsonNode info = body(tokenInfo("Atza|aud-mismatch-1"));

        assertThat(info.get("aud").asString()).isNotEqualTo(CLIENT_ID).startsWith("amzn1.application-oa2-client.");
    }

    @ParameterizedTest(name = "{0} → {1} {2} on {3}")
    @CsvSource({
            "Atza|expired-1, 400, invalid_token, tokeninfo",
            "Atza|expired-1, 400, invalid_token, profile",
            "Atza|revoked-1, 401, invalid_token, tokeninfo",
            "Atza|revoked-1, 401, invalid_token, profile",
            "Atza|amazon-403, 403, insufficient_scope, profile",
            "Atza|amazon-503, 503, server_error, tokeninfo",
            "Atza|amazon-503, 503, server_error, profile",
            "Atza|amazon-429, 429, too_many_requests, tokeninfo",
            "Atza|amazon-429, 429, too_many_requests, profile"})
    void errorMarkers(String token, int status, String error, String endpoint) throws Exception {
        HttpResponse<String> response = endpoint.equals("profile") ? profile(token) : tokenInfo(token);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(body(response).get("error").asString()).isEqualTo(error);
    }

    @Test
    void expiredSaysSo() throws Exception {
        assertThat(body(tokenInfo("Atza|expired")).get("error_description").asString())
                .isEqualTo("The access token has expired");
    }

    @Test
    void forbiddenMarkerStillPassesTokenInfo() throws Exception {
        assertThat(tokenInfo("Atza|amazon-403").statusCode()).isEqualTo(200);
    }

    @Test
    void flakyTokenFailsTwicePerEndpointThenWorks() throws Exception {
        String token = "Atza|amazon-flaky-1";

        assertThat(tokenInfo(token).statusCode()).isEqualTo(503);
        assertThat(tokenInfo(token).statusCode()).isEqualTo(503);
        assertThat(profile(token).statusCode()).isEqualTo(503);
        assertThat(tokenInfo(token).statusCode()).isEqualTo(200);
        assertThat(profile(token).statusCode()).isEqualTo(503);
        assertThat(profile(token).statusCode()).isEqualTo(200);
    }

    @Test
    void slowTokenAnswersAfterTheSlowDelay() throws Exception {
        long start = System.nanoTime();

        HttpResponse<String> response = tokenInfo("Atza|amazon-slow");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "name-oneword|Cher",
            "name-empty|\"\"",
            "name-spaces|\"  Mary   Ann  van der Berg \"",
            "name-cjk|山田 太郎"})
    void nameMarkers(String marker, String name) throws Exception {
        assertThat(body(profile("Atza|" + marker)).get("name").asString()).isEqualTo(name == null ? "" : name);
    }

    @Test
    void longNameIs60Characters() throws Exception {
        String name = body(profile("Atza|name-long")).get("name").asString();

        assertThat(name).hasSize(60).contains(" ");
    }

    @Test
    void ruleCanScriptAmazonToo() throws Exception {
        post("/sandbox/rules", """
                {"endpoint":"user/profile","times":1,"respond":{"status":429}}""");

        assertThat(profile("Atza|abc").statusCode()).isEqualTo(429);
        assertThat(profile("Atza|abc").statusCode()).isEqualTo(200);
    }
}
