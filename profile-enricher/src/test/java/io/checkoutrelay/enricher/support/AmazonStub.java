package io.checkoutrelay.enricher.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * Login with Amazon as documented, on WireMock, scripted by marker words in the token (like the
 * sandbox): rejected400/401, forbidden403 (profile), audmismatch, exp0, down503, throttled429,
 * slowtimeout (tokeninfo answers after 4 s), profile200ms, name-long, name-oneword.
 */
public final class AmazonStub implements AutoCloseable {

    public static final String TOKENINFO = "/auth/o2/tokeninfo";
    public static final String PROFILE = "/user/profile";
    public static final String LONG_NAME = "Bartholomew Maximilian Theodore Fitzgerald-Worthington Smith";

    private final WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(300)
            .jettyAcceptors(2).asynchronousResponseEnabled(true).asynchronousResponseThreads(200));

    public AmazonStub() {
        server.start();
        stubTokenInfo(null, 200, tokenInfo(TestCheckouts.CLIENT_ID, 3500), 0, 10);
        stubProfile(null, 200, profile("Jane Q Doe"), 0, 10);
        stubTokenInfo("rejected401", 401, error("invalid_token", "The access token is invalid"), 0, 1);
        stubTokenInfo("rejected400", 400, error("invalid_token", "The access token has expired"), 0, 1);
        stubProfile("forbidden403", 403, error("insufficient_scope", "no profile scope"), 0, 1);
        stubTokenInfo("audmismatch", 200, tokenInfo("amzn1.application-oa2-client.another-merchant-app", 3500), 0, 1);
        stubTokenInfo("exp0", 200, tokenInfo(TestCheckouts.CLIENT_ID, 0), 0, 1);
        stubTokenInfo("down503", 503, error("server_error", "The service is temporarily unavailable"), 0, 1);
        stubTokenInfo("throttled429", 429, error("too_many_requests", "Rate exceeded"), 0, 1);
        stubTokenInfo("slowtimeout", 200, tokenInfo(TestCheckouts.CLIENT_ID, 3500), 4000, 1);
        stubProfile("profile200ms", 200, profile("Jane Q Doe"), 200, 1);
        stubProfile("profile1500ms", 200, profile("Jane Q Doe"), 1500, 1);
        stubProfile("name-long", 200, profile(LONG_NAME), 0, 1);
        stubProfile("name-oneword", 200, profile("Cher"), 0, 1);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    public void stubTokenInfo(String marker, int status, String body, int delayMillis, int priority) {
        server.stubFor(withMarker(get(urlPathEqualTo(TOKENINFO)), marker, true).atPriority(priority)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body).withFixedDelay(delayMillis)));
    }

    public void stubProfile(String marker, int status, String body, int delayMillis, int priority) {
        server.stubFor(withMarker(get(urlPathEqualTo(PROFILE)), marker, false).atPriority(priority)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body).withFixedDelay(delayMillis)));
    }

    private static MappingBuilder withMarker(MappingBuilder request, String marker, boolean inQuery) {
        if (marker == null) {
            return request;
        }
        return inQuery ? request.withQueryParam("access_token", containing(marker))
                : request.withHeader("Authorization", containing(marker));
    }

    /** tokeninfo calls made with exactly this token (WireMock decodes the query parameter). */
    public List<LoggedRequest> tokenInfoCalls(String token) {
        return server.findAll(getRequestedFor(urlPathEqualTo(TOKENINFO))).stream()
                .filter(r -> r.getQueryParams().containsKey("access_token")
                        && token.equals(r.getQueryParams().get("access_token").firstValue()))
                .toList();
    }

    /** profile calls made with exactly this token as the bearer. */
    public List<LoggedRequest> profileCalls(String token) {
        return server.findAll(getRequestedFor(urlPathEqualTo(PROFILE))).stream()
                .filter(r -> ("Bearer " + token).equals(r.getHeader("Authorization")))
                .toList();
    }

    public static String tokenInfo(String aud, long exp) {
        return "{\"iss\":\"https://www.amazon.com\",\"user_id\":\"amzn1.account.TESTBUYER\",\"aud\":\"" + aud
                + "\",\"app_id\":\"amzn1.application.test\",\"exp\":" + exp + ",\"iat\":1700000000}";
    }

    public static String profile(String name) {
        return "{\"user_id\":\"amzn1.account.TESTBUYER\",\"name\":\"" + name
                + "\",\"email\":\"jane@example.com\",\"postal_code\":\"98101\"}";
    }

    public static String error(String error, String description) {
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }

    @Override
    public void close() {
        server.stop();
    }
}
