package io.checkoutrelay.bench.bare;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP ceiling for scenario 1: a bare Spring MVC app (Tomcat, platform threads, same JVM flags
 * as the intake) that reads the same POST and answers 202 with a body like the intake's, without
 * validation or Kafka. Run in its own JVM by the bench; port from SERVER_PORT.
 */
@SpringBootApplication
@RestController
public class BareEndpointApplication {

    private static final Map<String, Object> ACCEPTED = accepted();

    public static void main(String[] args) {
        new SpringApplicationBuilder(BareEndpointApplication.class)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN",
                        "spring.threads.virtual.enabled=false", "spring.jmx.enabled=false")
                .run(args);
    }

    @PostMapping("/v1/checkouts")
    ResponseEntity<Map<String, Object>> checkout(@RequestBody byte[] body) {
        return ResponseEntity.accepted().header("Location", "/v1/checkouts/bare").body(ACCEPTED);
    }

    @GetMapping("/health")
    String health() {
        return "UP";
    }

    private static Map<String, Object> accepted() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkoutId", "00000000-0000-5000-8000-000000000000");
        body.put("status", "ACCEPTED");
        body.put("attempt", 1);
        return java.util.Collections.unmodifiableMap(body);
    }
}
