package io.checkoutrelay.intake.support;

import io.checkoutrelay.intake.IntakeApplication;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.schemas.serde.RelaySerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** An order-intake application context on a free port, configured like the jar is: through settings only. */
public final class RunningIntake implements AutoCloseable {

    public static final String ALLOWED_ORIGIN = "https://lander.example";

    private final ConfigurableApplicationContext context;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningIntake(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    public static String newTokenKeys() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "test1:" + Base64.getEncoder().encodeToString(key);
    }

    /** Settings of a test intake against the shared broker and registry; override any of them. */
    public static Map<String, String> settings(Infrastructure infra, String tokenKeys) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.kafka.bootstrap-servers", infra.bootstrapServers());
        settings.put("relay.registry-url", infra.registryUrl());
        settings.put("relay.token-keys", tokenKeys);
        settings.put("intake.allowed-origins", ALLOWED_ORIGIN);
        settings.put("intake.rate-limit.enabled", "false");
        settings.put("intake.status.upsell-grace", "300ms");
        settings.put("intake.demo.enabled", "true");
        // campaign 12 takes the lander's prices (ClientPricePolicyTest uses 13 for one that does not)
        settings.put("intake.client-prices.campaigns", "12");
        return settings;
    }

    public static RunningIntake start(Map<String, String> settings) {
        return start(settings, "/actuator/health");
    }

    /** Starts it and waits until {@code healthPath} answers 200 (e.g. the liveness probe when no broker runs). */
    public static RunningIntake start(Map<String, String> settings, String healthPath) {
        RelaySerdes.trustGeneratedClasses();
        int port = FreePort.pick();
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IntakeApplication.class)
                .run(args.toArray(String[]::new));
        RunningIntake intake = new RunningIntake(context, port);
        intake.awaitHealthy(healthPath, Duration.ofSeconds(60));
        return intake;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("request failed", e);
        }
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    private void awaitHealthy(String healthPath, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get(healthPath).statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("intake on port " + port + " not healthy within " + max);
    }

    @Override
    public void close() {
        context.close();
    }
}
