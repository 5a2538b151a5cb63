package io.checkoutrelay.sandbox.amazon;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/** An answer of the Login with Amazon stand-in: JSON (a result or an OAuth error) or, when scripted, HTML. */
public record AmazonReply(int status, Map<String, Object> json, String html) {

    public static AmazonReply ok(Map<String, Object> body) {
        return new AmazonReply(200, body, null);
    }

    /** {@code {"error":"...","error_description":"..."}}, as Amazon's OAuth endpoints answer. */
    public static AmazonReply error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new AmazonReply(status, body, null);
    }

    public static AmazonReply invalidToken(int status, String description) {
        return error(status, "invalid_token", description);
    }

    public static AmazonReply unavailable() {
        return error(503, "server_error", "The service is temporarily unavailable");
    }

    public static AmazonReply throttled() {
        return error(429, "too_many_requests", "Rate exceeded");
    }

    /** A scripted status: the usual error body for it. */
    public static AmazonReply forStatus(int status) {
        return switch (status) {
            case 503 -> unavailable();
            case 429 -> throttled();
            case 400, 401 -> invalidToken(status, "The access token is invalid");
            case 403 -> error(403, "insufficient_scope", "The token does not grant access to this resource");
            default -> error(status, "server_error", "Scripted HTTP " + status);
        };
    }

    public static AmazonReply nonJson() {
        return new AmazonReply(200, null, "<html>Bad Gateway</html>");
    }

    /** How the call counts in the stats: {@code OK}, {@code HTTP_400:invalid_token}, {@code NON_JSON}. */
    public String outcome() {
        if (json == null) {
            return "NON_JSON";
        }
        return status == 200 ? "OK" : "HTTP_" + status + ":" + json.get("error");
    }

    public ResponseEntity<String> toResponse(JsonMapper jsonMapper) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
        if (status == 429) {
            builder.header(HttpHeaders.RETRY_AFTER, "1");
        }
        if (json == null) {
            return builder.contentType(MediaType.TEXT_HTML).body(html);
        }
        return builder.contentType(MediaType.APPLICATION_JSON).body(jsonMapper.writeValueAsString(json));
    }
}
