package io.checkoutrelay.sandbox.crm;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/**
 * An answer of the CRM stand-in: a JSON envelope or a raw (HTML) body, the outcome it counts as in
 * the stats, and how long to wait before sending it.
 */
public record CrmReply(int status, Map<String, Object> envelope, String html, String outcome, Duration delay) {

    public static final String SUCCESS = "SUCCESS";
    public static final String ERROR = "ERROR";
    public static final String MERC_REDIRECT = "MERC_REDIRECT";
    public static final String BAD_GATEWAY_PAGE = "<html>Bad Gateway</html>";

    public static CrmReply success(Object message) {
        return json(SUCCESS, message, SUCCESS);
    }

    public static CrmReply error(Object message, String outcome) {
        return json(ERROR, message, outcome);
    }

    /** A validation error: {@code message} is an object keyed by field. */
    public static CrmReply invalid(Map<String, String> fieldErrors) {
        return error(Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors)), "VALIDATION_ERROR");
    }

    public static CrmReply declined(String reason) {
        return error(DeclineReasons.message(reason), "DECLINED:" + reason);
    }

    public static CrmReply redirect(String url) {
        return json(MERC_REDIRECT, Map.of("url", url), MERC_REDIRECT);
    }

    /** An HTTP error with an HTML page, as a load balancer or gateway in front of the CRM answers. */
    public static CrmReply httpError(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = status + (known == null ? "" : " " + known.getReasonPhrase());
        return new CrmReply(status, null, "<html><head><title>" + title + "</title></head><body><h1>" + title
                + "</h1></body></html>", "HTTP_" + status, Duration.ZERO);
    }

    /** HTTP 200 with a body that is not JSON. */
    public static CrmReply nonJson() {
        return new CrmReply(200, null, BAD_GATEWAY_PAGE, "NON_JSON", Duration.ZERO);
    }

    public CrmReply delayedBy(Duration extra) {
        return new CrmReply(status, envelope, html, outcome, delay.plus(extra));
    }

    public ResponseEntity<String> toResponse(JsonMapper jsonMapper) {
        if (envelope != null) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(jsonMapper.writeValueAsString(envelope));
        }
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static CrmReply json(String result, Object message, String outcome) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("result", result);
        envelope.put("message", message);
        return new CrmReply(200, envelope, null, outcome, Duration.ZERO);
    }
}
