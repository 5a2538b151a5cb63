package io.checkoutrelay.keyed;

import java.time.Duration;

/**
 * What one keyed consumer reads and how much it takes on.
 *
 * @param topic       the input topic (waited for while it does not exist)
 * @param groupId     the consumer group
 * @param clientId    the client id of its consumer and producer (also the start of the derived transactional id)
 * @param maxInFlight records dispatched and not finished at most; beyond it the partitions are paused
 * @param pollTimeout how long an idle poll waits
 * @param revokeWait  how long a revoke (rebalance, stop) waits for work of the partitions given away
 */
public record KeyedInput(String topic, String groupId, String clientId, int maxInFlight, Duration pollTimeout,
                         Duration revokeWait) {

    public KeyedInput {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the keyed consumer needs an input topic");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("the keyed consumer of " + topic + " needs a consumer group id");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max-in-flight of the consumer of " + topic + " must be at least 1, is "
                    + maxInFlight);
        }
    }
}
