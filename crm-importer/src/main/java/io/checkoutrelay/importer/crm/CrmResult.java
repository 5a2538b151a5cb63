package io.checkoutrelay.importer.crm;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * What one CRM call came back with, parsed. {@link #rawMessage()} is the CRM's message (or body) with
 * every secret of the call removed; it is safe to log and to put into records.
 *
 * @param outcome     how the envelope (or the transport) ended
 * @param httpStatus  the HTTP status, 0 when no answer arrived
 * @param message     the {@code message} node of a JSON envelope, else null
 * @param raw         redacted message text or body, for OrderDeclined.rawMessage ({@link #rawMessage()})
 * @param fieldErrors validation errors keyed by field (VALIDATION_ERROR only)
 * @param retryAfter  how long the CRM asked to wait before sending again (a 429's {@code Retry-After}), else null
 */
public record CrmResult(Outcome outcome, int httpStatus, JsonNode message, RawMessage raw,
                        Map<String, String> fieldErrors, Duration retryAfter) {

    public CrmResult(Outcome outcome, int httpStatus, JsonNode message, String rawMessage,
            Map<String, String> fieldErrors, Duration retryAfter) {
        this(outcome, httpStatus, message, RawMessage.of(rawMessage), fieldErrors, retryAfter);
    }

    public CrmResult(Outcome outcome, int httpStatus, JsonNode message, String rawMessage,
            Map<String, String> fieldErrors) {
        this(outcome, httpStatus, message, rawMessage, fieldErrors, null);
    }

    /** The redacted message text or body (null when there was none). */
    public String rawMessage() {
        return raw.text();
    }

    /**
     * The redacted text, made when first asked for: a successful call's message (the CRM order, a JSON
     * object) is written out and redacted only for a decline or a log line that quotes it, which most
     * successful calls never reach (issue 14: it was written out and redacted for every reply).
     */
    public static final class RawMessage {

        private Supplier<String> source;
        private String text;

        private RawMessage(Supplier<String> source, String text) {
            this.source = source;
            this.text = text;
        }

        static RawMessage of(String text) {
            return new RawMessage(null, text);
        }

        static RawMessage lazy(Supplier<String> source) {
            return new RawMessage(source, null);
        }

        synchronized String text() {
            if (source != null) {
                text = source.get();
                source = null;
            }
            return text;
        }

        @Override
        public String toString() {
            return String.valueOf(text());
        }
    }

    /** How a call ended. */
    public enum Outcome {
        /** {@code result == "SUCCESS"}. */
        SUCCESS,
        /** {@code result} is ERROR (or anything else but SUCCESS / MERC_REDIRECT) with a text message. */
        ERROR,
        /** ERROR whose message is an object keyed by field. */
        VALIDATION_ERROR,
        /** {@code MERC_REDIRECT}: the CRM wants the buyer sent to a URL (3-D Secure). */
        MERCHANT_REDIRECT,
        /** Timeout, connect failure, HTTP error status or unreadable body: for money calls the outcome is UNKNOWN. */
        TRANSPORT_FAILURE,
        /**
         * Nothing was applied: refused before sending (circuit open, rate limited, partition given away), or
         * refused by the CRM's gateway with HTTP 429 before the CRM worked on it. Sending again is safe.
         */
        NOT_SENT
    }

    public static CrmResult transportFailure(int httpStatus, String rawMessage) {
        return new CrmResult(Outcome.TRANSPORT_FAILURE, httpStatus, null, rawMessage, Map.of());
    }

    public static CrmResult notSent(String why) {
        return new CrmResult(Outcome.NOT_SENT, 0, null, why, Map.of());
    }

    /**
     * HTTP 429 Too Many Requests: the CRM (or the gateway in front of it) refused the call before working
     * on it (RFC 6585: a rate limit), so nothing was applied, unlike a 5xx or a timeout, which may hide a
     * sale. {@code retryAfter} is its {@code Retry-After}, or null.
     */
    public static CrmResult refused(Duration retryAfter, String rawMessage) {
        return new CrmResult(Outcome.NOT_SENT, 429, null, rawMessage, Map.of(), retryAfter);
    }

    /** What is safe to log: the redacted text, never the {@code message} node as the CRM sent it. */
    @Override
    public String toString() {
        return "CrmResult[outcome=" + outcome + ", httpStatus=" + httpStatus + ", rawMessage=" + raw
                + ", fieldErrors=" + fieldErrors + ", retryAfter=" + retryAfter + "]";
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** Order Query's "nothing matched": an answer, not an outage. */
    public boolean noMatchingOrder() {
        return outcome == Outcome.ERROR && rawMessage() != null
                && rawMessage().toLowerCase(java.util.Locale.ROOT).contains("no orders matching");
    }
}
