package io.checkoutrelay.sandbox.script;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a scripted call answers instead of (or on top of) the normal behaviour. Used by runtime
 * rules ({@code "respond"} in {@code POST /sandbox/rules}) and by the CRM product markers.
 *
 * <ul>
 *   <li>{@code status}: answer this HTTP status (an HTML page for the CRM, an OAuth error for Amazon); nothing changes.</li>
 *   <li>{@code nonJson}: answer HTTP 200 with {@code <html>Bad Gateway</html>}; nothing changes.</li>
 *   <li>{@code declineReason}: CRM money calls only: {@code Transaction Declined: <reason>}.</li>
 *   <li>{@code error}: CRM only: {@code {"result":"ERROR","message":<error>}}; nothing changes.</li>
 *   <li>{@code redirectUrl}: CRM money calls only: {@code MERC_REDIRECT} to that url; nothing changes.</li>
 *   <li>{@code delayMillis}: wait that long before answering. With {@code afterApply} the call is processed
 *       first (state changes at once) and only the answer is late; without it the wait comes first.</li>
 *   <li>{@code afterApply} with {@code status} or {@code nonJson}: the reply is lost after the commit: the call is
 *       processed normally, then the gateway answers that status (or body) instead.</li>
 *   <li>{@code commitAfterMillis} with {@code status} or {@code nonJson} (money calls only): the gateway answers
 *       that status while the CRM behind it still works on the call and commits it that long after it arrived
 *       ("504-then-commit").</li>
 *   <li>{@code success}: CRM only: {@code {"result":"SUCCESS","message":<success>}}, e.g. an odd Order Query
 *       reply; nothing changes.</li>
 *   <li>{@code newOrder} (order/import only): the sale goes into a new order with a new {@code orderId}; the
 *       order named in the call stays as it was.</li>
 * </ul>
 */
public record ScriptedResponse(
        Integer status,
        boolean nonJson,
        String declineReason,
        Object error,
        String redirectUrl,
        long delayMillis,
        boolean afterApply,
        long commitAfterMillis,
        boolean newOrder,
        Object success) {

    /** The JSON form, where every field is optional. */
    @JsonCreator
    static ScriptedResponse fromJson(
            @JsonProperty("status") Integer status,
            @JsonProperty("nonJson") Boolean nonJson,
            @JsonProperty("declineReason") String declineReason,
            @JsonProperty("error") Object error,
            @JsonProperty("redirectUrl") String redirectUrl,
            @JsonProperty("delayMillis") Long delayMillis,
            @JsonProperty("afterApply") Boolean afterApply,
            @JsonProperty("commitAfterMillis") Long commitAfterMillis,
            @JsonProperty("newOrder") Boolean newOrder,
            @JsonProperty("success") Object success) {
        return new ScriptedResponse(status, Boolean.TRUE.equals(nonJson), declineReason, error, redirectUrl,
                delayMillis == null ? 0 : delayMillis, Boolean.TRUE.equals(afterApply),
                commitAfterMillis == null ? 0 : commitAfterMillis, Boolean.TRUE.equals(newOrder), success);
    }

    public static ScriptedResponse httpStatus(int status) {
        return new ScriptedResponse(status, false, null, null, null, 0, false, 0, false, null);
    }

    public static ScriptedResponse httpStatusAfter(int status, long delayMillis) {
        return new ScriptedResponse(status, false, null, null, null, delayMillis, false, 0, false, null);
    }

    public static ScriptedResponse nonJsonBody() {
        return new ScriptedResponse(null, true, null, null, null, 0, false, 0, false, null);
    }

    public static ScriptedResponse decline(String reason) {
        return new ScriptedResponse(null, false, reason, null, null, 0, false, 0, false, null);
    }

    public static ScriptedResponse errorMessage(Object message) {
        return new ScriptedResponse(null, false, null, message, null, 0, false, 0, false, null);
    }

    public static ScriptedResponse redirect(String url) {
        return new ScriptedResponse(null, false, null, null, url, 0, false, 0, false, null);
    }

    public static ScriptedResponse applyThenDelay(long delayMillis) {
        return new ScriptedResponse(null, false, null, null, null, delayMillis, true, 0, false, null);
    }

    /** True when the call is answered without the normal processing (status, non-JSON, error, redirect). */
    public boolean replacesAnswer() {
        return status != null || nonJson || error != null || redirectUrl != null || success != null;
    }

    public boolean declines() {
        return declineReason != null;
    }

    /** The gateway answers as scripted, but the CRM behind it processes the call (at once or later). */
    public boolean appliesBehindTheAnswer() {
        return (status != null || nonJson) && (afterApply || commitAfterMillis > 0);
    }

    /** The CRM commits the call, then its gateway answers {@code status}: the reply is lost after the commit. */
    public static ScriptedResponse lostReply(int status) {
        return new ScriptedResponse(status, false, null, null, null, 0, true, 0, false, null);
    }

    /** The gateway answers {@code status} at once; the CRM behind it commits the call that long after it arrived. */
    public static ScriptedResponse lateCommit(int status, long commitAfterMillis) {
        return new ScriptedResponse(status, false, null, null, null, 0, false, commitAfterMillis, false, null);
    }

    /** Everything wrong with this response for that endpoint; empty when it is usable. */
    public List<String> problemsFor(Endpoint endpoint) {
        List<String> problems = new ArrayList<>();
        int answers = (status != null ? 1 : 0) + (nonJson ? 1 : 0) + (declineReason != null ? 1 : 0)
                + (error != null ? 1 : 0) + (redirectUrl != null ? 1 : 0) + (success != null ? 1 : 0);
        if (answers > 1) {
            problems.add("respond: give at most one of status, nonJson, declineReason, error, redirectUrl, success");
        }
        if (answers == 0 && delayMillis == 0 && !newOrder) {
            problems.add("respond: give status, nonJson, declineReason, error, redirectUrl, delayMillis or newOrder");
        }
        if (status != null && (status < 400 || status > 599)) {
            problems.add("respond.status: must be an error status between 400 and 599");
        }
        if (delayMillis < 0) {
            problems.add("respond.delayMillis: must be zero or more");
        }
        if (afterApply && answers > 0 && declineReason == null && status == null && !nonJson) {
            problems.add("respond.afterApply: only with a plain delay, a declineReason, a status or nonJson");
        }
        if (commitAfterMillis < 0) {
            problems.add("respond.commitAfterMillis: must be zero or more");
        }
        if (commitAfterMillis > 0 && (status == null && !nonJson || afterApply)) {
            problems.add("respond.commitAfterMillis: only with status or nonJson, and without afterApply");
        }
        if ((commitAfterMillis > 0 || afterApply && (status != null || nonJson)) && !endpoint.movesMoney()) {
            problems.add("respond: a commit behind a gateway's answer applies to order/import and upsale/import only");
        }
        if (newOrder && endpoint != Endpoint.ORDER_IMPORT) {
            problems.add("respond.newOrder: applies to order/import only");
        }
        if ((declineReason != null || redirectUrl != null) && !endpoint.movesMoney()) {
            problems.add("respond: declineReason and redirectUrl apply to order/import and upsale/import only");
        }
        if (declineReason != null && declineReason.isBlank()) {
            problems.add("respond.declineReason: must not be blank");
        }
        if (error != null && endpoint.api() != Api.CRM) {
            problems.add("respond.error: applies to CRM endpoints only");
        }
        if (success != null && endpoint.api() != Api.CRM) {
            problems.add("respond.success: applies to CRM endpoints only");
        }
        return problems;
    }
}
