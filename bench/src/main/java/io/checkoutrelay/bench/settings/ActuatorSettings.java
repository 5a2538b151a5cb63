package io.checkoutrelay.bench.settings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a running Spring Boot service has bound, read from its actuator on the management port:
 * {@code /actuator/configprops} (the values of its {@code @ConfigurationProperties} beans, with the origin
 * of each) and, for a property no such bean holds (e.g. one read by {@code @ConditionalOnProperty}),
 * {@code /actuator/env/<property>}. The bench starts the services with both exposed there and values shown;
 * secrets are masked by the services' SecretSanitizing.
 */
public final class ActuatorSettings {

    /** Exposure the bench adds on a service's own management port (never on the API port). */
    public static Map<String, String> exposure(int managementPort) {
        return Map.of("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort),
                "MANAGEMENT_SERVER_ADDRESS", "127.0.0.1",
                "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,prometheus,metrics,configprops,env",
                "MANAGEMENT_ENDPOINT_CONFIGPROPS_SHOWVALUES", "ALWAYS",
                "MANAGEMENT_ENDPOINT_ENV_SHOWVALUES", "ALWAYS");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String managementUrl;
    private JsonNode configprops;

    public ActuatorSettings(String managementUrl) {
        this.managementUrl = managementUrl;
    }

    /** The value bound to {@code property} and where it came from; empty when nothing binds it. */
    public Optional<Found> read(String property) {
        Optional<Found> bound = fromConfigprops(property);
        return bound.isPresent() ? bound : fromEnvironment(property);
    }

    public record Found(String value, String origin) {
    }

    Optional<Found> fromConfigprops(String property) {
        if (configprops == null) {
            configprops = JSON.readTree(get("/actuator/configprops").orElseThrow(() -> new IllegalStateException(
                    managementUrl + "/actuator/configprops is not exposed: cannot read back settings")));
        }
        JsonNode best = null;
        String bestPrefix = "";
        for (JsonNode context : configprops.path("contexts")) {
            for (JsonNode bean : context.path("beans")) {
                String prefix = bean.path("prefix").asString("");
                if (!prefix.isEmpty() && (property.equals(prefix) || property.startsWith(prefix + "."))
                        && prefix.length() > bestPrefix.length()) {
                    best = bean;
                    bestPrefix = prefix;
                }
            }
        }
        if (best == null || property.equals(bestPrefix)) {
            return Optional.empty();
        }
        String[] path = property.substring(bestPrefix.length() + 1).split("\\.");
        JsonNode value = walk(best.path("properties"), path);
        if (value == null || value.isMissingNode() || value.isNull() || value.isContainer()) {
            return Optional.empty();
        }
        JsonNode input = walk(best.path("inputs"), path);
        String origin = input == null ? "" : input.path("origin").asString("");
        return Optional.of(new Found(value.asString(), "configprops " + bestPrefix
                + (origin.isEmpty() ? "" : ", origin: " + origin)));
    }

    /** Follows the path, matching {@code group-id} to {@code groupId} and {@code groupid} (Spring's canonical form). */
    static JsonNode walk(JsonNode node, String[] path) {
        JsonNode current = node;
        for (String segment : path) {
            JsonNode next = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = current.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (canonical(field.getKey()).equals(canonical(segment))) {
                    next = field.getValue();
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }

    static String canonical(String name) {
        return name.replace("-", "").toLowerCase(Locale.ROOT);
    }

    Optional<Found> fromEnvironment(String property) {
        return get("/actuator/env/" + URLEncoder.encode(property, StandardCharsets.UTF_8)).map(JSON::readTree)
                .filter(entry -> entry.path("property").has("value"))
                .map(entry -> new Found(entry.path("property").path("value").asString(),
                        "env, source: " + entry.path("property").path("source").asString("")));
    }

    private Optional<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl + path)).timeout(Duration.ofSeconds(30))
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + managementUrl + path + " answered " + response.statusCode());
            }
            return Optional.of(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + managementUrl + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
