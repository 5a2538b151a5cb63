package io.checkoutrelay.importer.crm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the CRM envelope: SUCCESS, ERROR with a text or a field-keyed object, MERC_REDIRECT, any
 * other result (treated as ERROR), and bodies that are not JSON or come with an HTTP error status
 * (transport failures: the outcome of a money-moving call is then unknown), except 429 Too Many
 * Requests: refused before the CRM worked on the call, nothing applied ({@link CrmResult#refused}).
 */
public final class CrmResponseParser {

    private static final int TOO_MANY_REQUESTS = 429;

    private final JsonMapper json;

    public CrmResponseParser(JsonMapper json) {
        this.json = json;
    }

    public CrmResult parse(int httpStatus, String body, List<String> secrets) {
        return parse(httpStatus, null, body, secrets);
    }

    /** @param retryAfter the answer's {@code Retry-After} header, or null */
    public CrmResult parse(int httpStatus, String retryAfter, String body, List<String> secrets) {
        if (httpStatus == TOO_MANY_REQUESTS) {
            return CrmResult.refused(RetryAfter.parse(retryAfter, Instant.now()).orElse(null),
                    "HTTP 429: " + Secrets.redact(body, secrets));
        }
        if (httpStatus >= 300) {
            return CrmResult.transportFailure(httpStatus, "HTTP " + httpStatus + ": " + Secrets.redact(body, secrets));
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            return CrmResult.transportFailure(httpStatus, "unreadable body: " + Secrets.redact(body, secrets));
        }
        if (envelope == null || !envelope.isObject() || !envelope.has("result")) {
            return CrmResult.transportFailure(httpStatus, "unreadable body: " + Secrets.redact(body, secrets));
        }
        String result = envelope.get("result").asString().toUpperCase(Locale.ROOT);
        JsonNode message = envelope.get("message");
        // written out and redacted only if a decline or a log line asks for it (not for most successes)
        CrmResult.RawMessage raw = CrmResult.RawMessage.lazy(() -> Secrets.redact(message == null || message.isNull()
                ? "" : message.isString() ? message.asString() : message.toString(), secrets));
        if ("SUCCESS".equals(result)) {
            return new CrmResult(CrmResult.Outcome.SUCCESS, httpStatus, message, raw, Map.of(), null);
        }
        if ("MERC_REDIRECT".equals(result)) {
            return new CrmResult(CrmResult.Outcome.MERCHANT_REDIRECT, httpStatus, message, raw, Map.of(), null);
        }
        if (message != null && message.isObject()) {
            return new CrmResult(CrmResult.Outcome.VALIDATION_ERROR, httpStatus, message, raw,
                    fieldErrors(message, secrets), null);
        }
        return new CrmResult(CrmResult.Outcome.ERROR, httpStatus, message, raw, Map.of(), null);
    }

    private static Map<String, String> fieldErrors(JsonNode message, List<String> secrets) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            JsonNode value = field.getValue();
            errors.put(field.getKey(), Secrets.redact(value.isString() ? value.asString() : value.toString(), secrets));
        }
        return errors;
    }
}
