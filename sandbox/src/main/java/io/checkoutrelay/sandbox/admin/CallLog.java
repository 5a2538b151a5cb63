package io.checkoutrelay.sandbox.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.Resettable;
import io.checkoutrelay.sandbox.SandboxProperties;

/** The last {@code sandbox.calls.max-recorded} calls, in the order they were received. */
@Component
public class CallLog implements Resettable {

    private final ConcurrentNavigableMap<Long, RecordedCall> calls = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxRecorded;

    public CallLog(SandboxProperties properties) {
        this.maxRecorded = Math.max(1, properties.calls().maxRecorded());
    }

    /** Records a call as received (no status yet) and returns it with its sequence number. */
    RecordedCall received(RecordedCall call) {
        long seq = sequence.incrementAndGet();
        RecordedCall numbered = new RecordedCall(seq, call.api(), call.endpoint(), call.method(), call.receivedAt(),
                null, null, null, call.params(), call.query());
        calls.put(seq, numbered);
        if (size.incrementAndGet() > maxRecorded && calls.pollFirstEntry() != null) {
            size.decrementAndGet();
        }
        return numbered;
    }

    /** Adds the answer to a recorded call (unless it was already dropped to keep the log bounded). */
    void answered(RecordedCall call, int status, String outcome, long millis) {
        calls.computeIfPresent(call.seq(), (seq, recorded) -> recorded.answered(status, outcome, millis));
    }

    /**
     * Recorded calls in the order received.
     *
     * @param endpoint only calls of this endpoint (e.g. {@code order/import}); null or blank: all
     * @param afterSeq only calls with a larger sequence number; null: from the oldest kept
     * @param limit    at most this many, the most recent ones; null: all
     */
    public List<RecordedCall> list(String endpoint, Long afterSeq, Integer limit) {
        if (limit != null && limit <= 0) {
            return List.of();
        }
        String wanted = endpoint == null || endpoint.isBlank() ? null : stripSlashes(endpoint);
        ConcurrentNavigableMap<Long, RecordedCall> range = afterSeq == null ? calls : calls.tailMap(afterSeq, false);
        List<RecordedCall> matching = new ArrayList<>();
        for (RecordedCall call : (limit == null ? range : range.descendingMap()).values()) {
            if (wanted == null || call.endpoint().equals(wanted)) {
                matching.add(call);
                if (limit != null && matching.size() >= limit) {
                    break;
                }
            }
        }
        if (limit != null) {
            Collections.reverse(matching);
        }
        return matching;
    }

    @Override
    public void reset() {
        calls.clear();
        size.set(0);
    }

    private static String stripSlashes(String endpoint) {
        return endpoint.strip().replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
