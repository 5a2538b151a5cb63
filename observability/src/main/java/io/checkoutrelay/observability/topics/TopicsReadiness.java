package io.checkoutrelay.observability.topics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of a service's topics: OUT_OF_SERVICE, with a log line saying which topics are missing and
 * how to create them, until every topic the service writes exists (the topics command or the chart's
 * Job creates them; services never do). Once they all exist it stays UP without asking Kafka again.
 * The admin client is built from the service's Spring Kafka settings, security included.
 */
public final class TopicsReadiness implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TopicsReadiness.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> adminConfigs;
    private final List<String> topics;
    private final String service;
    private final Clock clock;
    private volatile boolean present;
    private Admin admin;
    private Instant lastLogged = Instant.MIN;

    public TopicsReadiness(Map<String, Object> adminConfigs, List<String> topics, String service, Clock clock) {
        this.adminConfigs = Map.copyOf(adminConfigs);
        this.topics = List.copyOf(topics);
        this.service = service;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (present) {
            return Health.up().withDetail("topics", topics).build();
        }
        return check();
    }

    private synchronized Health check() {
        if (present) {
            return Health.up().withDetail("topics", topics).build();
        }
        try {
            List<String> missing = missing();
            if (missing.isEmpty()) {
                present = true;
                log.info("{}: its topics exist: {}", service, String.join(", ", topics));
                closeAdmin();
                return Health.up().withDetail("topics", topics).build();
            }
            logNowAndThen("{} is not ready: waiting for topics {} to be created (they are never created by the"
                    + " service: run `java -jar topics.jar create`, or the Helm chart's topics Job)", missing);
            return Health.outOfService().withDetail("missingTopics", missing).build();
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String reason = cause instanceof TimeoutException || cause.getMessage() == null
                    ? "Kafka did not answer within " + ASK_TIMEOUT.toSeconds() + " s (" + cause.getClass().getSimpleName() + ")"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            logNowAndThen("{} is not ready: cannot check its topics {} on Kafka: " + reason.replace("{}", "()"),
                    topics);
            return Health.outOfService().withDetail("error", reason).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.outOfService().withDetail("error", "interrupted").build();
        }
    }

    /** The topics not on the cluster; listed, not described: describing a missing topic can fail the others. */
    private List<String> missing() throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin().listTopics().names().get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<String> missing = new ArrayList<>(topics);
        missing.removeAll(existing);
        return missing;
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> configs = new java.util.HashMap<>(adminConfigs);
            configs.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ASK_TIMEOUT.toMillis());
            configs.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ASK_TIMEOUT.toMillis());
            admin = Admin.create(configs);
        }
        return admin;
    }

    private void logNowAndThen(String message, List<String> topicsNamed) {
        Instant now = clock.instant();
        if (Duration.between(lastLogged, now).compareTo(LOG_EVERY) >= 0 || lastLogged == Instant.MIN) {
            lastLogged = now;
            log.warn(message, service, String.join(", ", topicsNamed));
        }
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    @Override
    public synchronized void destroy() {
        closeAdmin();
    }
}
