package io.checkoutrelay.sandbox.script;

import java.util.Map;

/** A runtime rule: the next {@code remaining} calls of that endpoint whose parameters match answer as scripted. */
public record Rule(long id, Endpoint endpoint, Map<String, String> match, int remaining, ScriptedResponse respond) {

    public boolean matches(Endpoint called, Map<String, String> params) {
        return endpoint == called && remaining > 0
                && match.entrySet().stream().allMatch(entry -> entry.getValue().equals(params.get(entry.getKey())));
    }

    public Rule consumedOnce() {
        return new Rule(id, endpoint, match, remaining - 1, respond);
    }
}
