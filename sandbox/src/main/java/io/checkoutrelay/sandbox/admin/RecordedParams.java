package io.checkoutrelay.sandbox.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Redacted parameters of a recorded call, kept compact (one array, parameter names interned) because
 * the call log holds up to 100k of them; shown as a JSON object in the order received.
 */
public final class RecordedParams {

    private static final RecordedParams NONE = new RecordedParams(new String[0]);

    private final String[] namesAndValues;

    private RecordedParams(String[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    /** Redacts and keeps the parameters. */
    public static RecordedParams redacted(Map<String, String> params) {
        if (params.isEmpty()) {
            return NONE;
        }
        String[] namesAndValues = new String[params.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> param : params.entrySet()) {
            namesAndValues[i++] = param.getKey().intern();
            namesAndValues[i++] = Redaction.redactValue(param.getKey(), param.getValue());
        }
        return new RecordedParams(namesAndValues);
    }

    @JsonValue
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
