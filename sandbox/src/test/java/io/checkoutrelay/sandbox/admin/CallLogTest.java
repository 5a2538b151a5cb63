package io.checkoutrelay.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.checkoutrelay.sandbox.SandboxProperties;
import io.checkoutrelay.sandbox.script.Api;

/** The call log stays bounded and pages by sequence number. */
class CallLogTest {

    private final CallLog log = new CallLog(new SandboxProperties(null, null, new SandboxProperties.Calls(3)));

    private RecordedCall receive(String endpoint) {
        return log.received(new RecordedCall(0, Api.CRM, endpoint, "POST", Instant.now(), null, null, null,
                RecordedParams.redacted(Map.of("password", "secret")), RecordedParams.redacted(Map.of())));
    }

    @Test
    void keepsOnlyTheMostRecentCalls() {
        for (int i = 0; i < 5; i++) {
            receive("order/import");
        }

        assertThat(log.list(null, null, null)).extracting(RecordedCall::seq).containsExactly(3L, 4L, 5L);
    }

    @Test
    void filtersByEndpointAfterASequenceNumberAndLimitsToTheLatest() {
        receive("leads/import");
        receive("order/import");
        receive("order/import");

        assertThat(log.list("/order/import/", null, null)).extracting(RecordedCall::seq).containsExactly(2L, 3L);
        assertThat(log.list(null, 2L, null)).extracting(RecordedCall::seq).containsExactly(3L);
        assertThat(log.list(null, null, 2)).extracting(RecordedCall::seq).containsExactly(2L, 3L);
        assertThat(log.list(null, null, 0)).isEmpty();
    }

    @Test
    void answerIsAddedToTheRecordedCall() {
        RecordedCall call = receive("order/import");

        log.answered(call, 503, "HTTP_503", 12);

        RecordedCall recorded = log.list(null, null, null).get(0);
        assertThat(recorded.status()).isEqualTo(503);
        assertThat(recorded.outcome()).isEqualTo("HTTP_503");
        assertThat(recorded.params().asMap()).containsEntry("password", "***");
    }
}
