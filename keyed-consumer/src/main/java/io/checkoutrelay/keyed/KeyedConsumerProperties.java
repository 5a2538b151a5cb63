package io.checkoutrelay.keyed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The engine's own settings ({@code keyed-consumer.*}), the same in every service that runs on it.
 * Environment form: {@code KEYED_CONSUMER_LIVENESS_TIMEOUT} and so on.
 *
 * @param restartBackoff     pause before the loop starts again after a failure; doubles up to {@code maxRestartBackoff}
 * @param maxRestartBackoff  longest pause between restarts
 * @param livenessTimeout    the loop failing to restart for this long makes liveness DOWN (the pod is restarted)
 * @param topicWaitLog       how often a loop waiting for its input topic to exist says so
 * @param groupCommit        how long the loop waits for more work before it commits what finished
 *                           (every transaction carries everything that finished since the last one)
 * @param transactionalId    the transactional id of this instance's producer; empty: derived as
 *                           {@code <client id>-<host name>-<random>}, unique per process. Set it (e.g. to the
 *                           pod name of a StatefulSet) for a restarted instance to fence its predecessor at once
 * @param transactionTimeout how long an open transaction of a crashed instance may hold back read_committed
 *                           readers before the broker aborts it
 */
@ConfigurationProperties("keyed-consumer")
public record KeyedConsumerProperties(
        @DefaultValue("1s") Duration restartBackoff,
        @DefaultValue("30s") Duration maxRestartBackoff,
        @DefaultValue("5m") Duration livenessTimeout,
        @DefaultValue("30s") Duration topicWaitLog,
        @DefaultValue("5ms") Duration groupCommit,
        @DefaultValue("") String transactionalId,
        @DefaultValue("10s") Duration transactionTimeout) {

    public static KeyedConsumerProperties defaults() {
        return new KeyedConsumerProperties(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(30), Duration.ofMillis(5), "", Duration.ofSeconds(10));
    }
}
