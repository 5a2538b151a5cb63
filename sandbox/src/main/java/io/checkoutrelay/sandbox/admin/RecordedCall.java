package io.checkoutrelay.sandbox.admin;

import java.time.Instant;

import io.checkoutrelay.sandbox.script.Api;

/**
 * One call the sandbox received, secrets redacted. {@code status} and {@code outcome} are null while
 * the call is still in flight.
 */
public record RecordedCall(
        long seq,
        Api api,
        String endpoint,
        String method,
        Instant receivedAt,
        Integer status,
        String outcome,
        Long durationMillis,
        RecordedParams params,
        RecordedParams query) {

    RecordedCall answered(int answeredStatus, String answeredOutcome, long millis) {
        return new RecordedCall(seq, api, endpoint, method, receivedAt, answeredStatus, answeredOutcome, millis,
                params, query);
    }
}
