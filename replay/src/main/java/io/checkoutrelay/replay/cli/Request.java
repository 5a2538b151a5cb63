package io.checkoutrelay.replay.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What the operator asked for. */
public sealed interface Request {

    /** Print the usage. */
    record Help() implements Request {
    }

    /**
     * Replay the latest UNAVAILABLE decline of the chosen checkouts.
     *
     * @param checkoutIds only these checkouts (empty: any checkout declined in the time window)
     * @param since       declines decided at or after this instant (null: no lower bound)
     * @param until       declines decided before this instant (null: no upper bound)
     */
    record Declined(Set<String> checkoutIds, Instant since, Instant until, boolean dryRun, Connection connection)
            implements Request {
    }

    /**
     * Replay dead letters to the topic they came from.
     *
     * @param positions only these records of the dead-letter topic (empty: all of them)
     */
    /**
     * Serve the read-only operator console.
     *
     * @param bindAddress where to listen (default 127.0.0.1; 0.0.0.0 in a container)
     * @param port        its HTTP port (0: any free one)
     * @param metrics     the services' /actuator/prometheus addresses
     * @param window      how far back the topics are read
     */
    record Console(String bindAddress, int port, List<MetricsSource> metrics, Duration window,
                   Connection connection) implements Request {
    }

    record DeadLetters(String topic, List<Position> positions, boolean dryRun, Connection connection)
            implements Request {
    }
}
