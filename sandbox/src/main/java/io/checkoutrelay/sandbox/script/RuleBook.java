package io.checkoutrelay.sandbox.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.Resettable;

/**
 * The runtime rules, in the order they were added. A call consumes the first rule that matches it;
 * a rule is dropped once its {@code times} are used up. The lock is held only to pick a rule, never
 * while a call waits.
 */
@Component
public class RuleBook implements Resettable {

    private final List<Rule> rules = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds a rule at the end, or throws {@link IllegalArgumentException} naming what is wrong with it. */
    public Rule add(RuleRequest request) {
        Endpoint endpoint = Endpoint.byPath(request.endpoint()).orElseThrow(() -> new IllegalArgumentException(
                "endpoint: must be one of leads/import, order/import, upsale/import, order/query, "
                        + "auth/o2/tokeninfo, user/profile"));
        int times = request.times() == null ? 1 : request.times();
        if (times < 1) {
            throw new IllegalArgumentException("times: must be 1 or more");
        }
        if (request.respond() == null) {
            throw new IllegalArgumentException("respond: is required");
        }
        List<String> problems = request.respond().problemsFor(endpoint);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, String> match = new LinkedHashMap<>();
        if (request.match() != null) {
            request.match().forEach((key, value) -> match.put(key, String.valueOf(value)));
        }
        Rule rule = new Rule(ids.incrementAndGet(), endpoint, Map.copyOf(match), times, request.respond());
        synchronized (rules) {
            rules.add(rule);
        }
        return rule;
    }

    /** Takes one use of the first rule matching this call, if any. */
    public Optional<ScriptedResponse> consume(Endpoint endpoint, Map<String, String> params) {
        synchronized (rules) {
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                if (rule.matches(endpoint, params)) {
                    Rule consumed = rule.consumedOnce();
                    if (consumed.remaining() > 0) {
                        rules.set(i, consumed);
                    } else {
                        rules.remove(i);
                    }
                    return Optional.of(rule.respond());
                }
            }
            return Optional.empty();
        }
    }

    public List<Rule> list() {
        synchronized (rules) {
            return List.copyOf(rules);
        }
    }

    public boolean remove(long id) {
        synchronized (rules) {
            return rules.removeIf(rule -> rule.id() == id);
        }
    }

    @Override
    public void reset() {
        synchronized (rules) {
            rules.clear();
        }
    }
}
