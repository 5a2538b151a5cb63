package io.checkoutrelay.sandbox.amazon;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.SandboxProperties;
import io.checkoutrelay.sandbox.admin.InFlightCall;
import io.checkoutrelay.sandbox.admin.TrafficMonitor;
import io.checkoutrelay.sandbox.script.Endpoint;
import io.checkoutrelay.sandbox.script.LiveSettings;
import io.checkoutrelay.sandbox.script.Pause;
import io.checkoutrelay.sandbox.script.RuleBook;
import io.checkoutrelay.sandbox.script.ScriptedResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers tokeninfo and profile calls: recorded, latency, failure rate, throttle rate, rules, then the token checks
 * and its markers. The token is never logged; the read-back shows only its fingerprint.
 */
@Component
class AmazonGateway {

    static final String ISSUER = "https://www.amazon.com";
    static final String OTHER_CLIENT_ID = "amzn1.application-oa2-client.another-merchant-app";
    static final long TOKEN_LIFETIME_SECONDS = 3600;
    static final int FLAKY_FAILURES = 2;
    private static final String TOKEN_PARAM = "access_token";

    private final SandboxProperties.Amazon amazon;
    private final LiveSettings settings;
    private final RuleBook rules;
    private final TrafficMonitor traffic;
    private final TokenMemory tokens;
    private final JsonMapper jsonMapper;

    AmazonGateway(SandboxProperties properties, LiveSettings settings, RuleBook rules, TrafficMonitor traffic,
            TokenMemory tokens, JsonMapper jsonMapper) {
        this.amazon = properties.amazon();
        this.settings = settings;
        this.rules = rules;
        this.traffic = traffic;
        this.tokens = tokens;
        this.jsonMapper = jsonMapper;
    }

    /** @param token the access token as received, or null when the caller sent none */
    ResponseEntity<String> handle(Endpoint endpoint, String method, String token) {
        Map<String, String> params = new LinkedHashMap<>();
        if (token != null) {
            params.put(TOKEN_PARAM, token);
        }
        try (InFlightCall call = traffic.begin(endpoint, method, params, Map.of())) {
            AmazonReply reply = process(endpoint, token, params);
            call.answered(reply.status(), reply.outcome());
            return reply.toResponse(jsonMapper);
        }
    }

    private AmazonReply process(Endpoint endpoint, String token, Map<String, String> params) {
        Pause.sleep(settings.current().amazonLatency());
        if (settings.amazonUnavailable()) {
            return AmazonReply.unavailable();
        }
        if (settings.amazonThrottled()) {
            return AmazonReply.throttled();
        }
        if (token == null || token.isBlank()) {
            return AmazonReply.error(400, "invalid_request", "The request is missing a required parameter: "
                    + (endpoint == Endpoint.PROFILE ? "Authorization: Bearer <access_token>" : TOKEN_PARAM));
        }
        Optional<ScriptedResponse> rule = rules.consume(endpoint, params);
        rule.ifPresent(scripted -> Pause.sleep(Duration.ofMillis(scripted.delayMillis())));
        if (rule.isPresent() && rule.get().status() != null) {
            return AmazonReply.forStatus(rule.get().status());
        }
        if (rule.isPresent() && rule.get().nonJson()) {
            return AmazonReply.nonJson();
        }
        if (!token.startsWith("Atza|")) {
            return AmazonReply.invalidToken(400, "The access token is malformed");
        }
        return answerFor(endpoint, token, TokenMarkers.of(token));
    }

    private AmazonReply answerFor(Endpoint endpoint, String token, TokenMarkers markers) {
        if (markers.slow()) {
            Pause.sleep(settings.current().amazonSlowDelay());
        }
        if (markers.unavailable()) {
            return AmazonReply.unavailable();
        }
        if (markers.throttled()) {
            return AmazonReply.throttled();
        }
        if (markers.flaky() && tokens.callNumber(token, endpoint) <= FLAKY_FAILURES) {
            return AmazonReply.unavailable();
        }
        if (markers.revoked()) {
            return AmazonReply.invalidToken(401, "The access token has been revoked");
        }
        long issuedAt = tokens.issuedAt(token);
        long secondsLeft = TOKEN_LIFETIME_SECONDS - (Instant.now().getEpochSecond() - issuedAt);
        if (markers.expired() || secondsLeft <= 0) {
            return AmazonReply.invalidToken(400, "The access token has expired");
        }
        BuyerIdentity buyer = BuyerIdentity.of(token);
        if (endpoint == Endpoint.TOKENINFO) {
            return AmazonReply.ok(tokenInfo(buyer, markers, issuedAt, secondsLeft));
        }
        if (markers.forbidden()) {
            return AmazonReply.error(403, "insufficient_scope",
                    "The access token does not grant the scope needed for this resource");
        }
        return AmazonReply.ok(profile(buyer, markers));
    }

    private Map<String, Object> tokenInfo(BuyerIdentity buyer, TokenMarkers markers, long issuedAt, long secondsLeft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", ISSUER);
        body.put("user_id", buyer.userId());
        body.put("aud", markers.audMismatch() ? OTHER_CLIENT_ID : amazon.clientId());
        body.put("app_id", amazon.appId());
        body.put("exp", secondsLeft);
        body.put("iat", issuedAt);
        return body;
    }

    private static Map<String, Object> profile(BuyerIdentity buyer, TokenMarkers markers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", buyer.userId());
        body.put("name", markers.name());
        body.put("email", buyer.email());
        body.put("postal_code", "98101");
        return body;
    }
}
