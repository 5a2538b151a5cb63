package io.checkoutrelay.sandbox.amazon;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.Resettable;
import io.checkoutrelay.sandbox.admin.Redaction;
import io.checkoutrelay.sandbox.script.Endpoint;

/**
 * What the Amazon stand-in remembers about tokens, keyed by their fingerprint (never the token):
 * when each was first seen (its issue time) and how often each endpoint was called with it. Forgets
 * everything past {@value #MAX_TOKENS} tokens so a long benchmark cannot exhaust memory.
 */
@Component
public class TokenMemory implements Resettable {

    static final int MAX_TOKENS = 200_000;

    private final ConcurrentMap<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> callCounts = new ConcurrentHashMap<>();

    /** The epoch second the token was first presented: the sandbox's idea of when it was issued. */
    public long issuedAt(String token) {
        forgetIfFull();
        return firstSeen.computeIfAbsent(Redaction.fingerprint(token), key -> Instant.now().getEpochSecond());
    }

    /** 1 for the first call of this endpoint with this token, 2 for the second, ... */
    public int callNumber(String token, Endpoint endpoint) {
        forgetIfFull();
        return callCounts.computeIfAbsent(Redaction.fingerprint(token) + " " + endpoint.path(),
                key -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void reset() {
        firstSeen.clear();
        callCounts.clear();
    }

    private void forgetIfFull() {
        if (firstSeen.size() > MAX_TOKENS || callCounts.size() > MAX_TOKENS) {
            reset();
        }
    }
}
