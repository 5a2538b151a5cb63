package io.checkoutrelay.sandbox.script;

import java.util.Map;

/** The JSON body of {@code POST /sandbox/rules}. {@code times} defaults to 1; {@code match} to "every call". */
public record RuleRequest(String endpoint, Map<String, Object> match, Integer times, ScriptedResponse respond) {
}
