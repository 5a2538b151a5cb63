package io.checkoutrelay.replay.cli;

/** What {@code --help} prints. */
public final class Usage {

    public static final String TEXT = """
            replay: re-drive records into the checkout-relay pipeline, safely (the importer's ledger
            never lets a replay make a second CRM order).

            java -jar replay.jar declined (--checkout <checkoutId>)... [--since <instant>] [--until <instant>] [--dry-run]
            java -jar replay.jar declined --since <instant> [--until <instant>] [--dry-run]
                Reads crm.order.declined.v1 and, per checkout (and per upsell), takes its latest decline.
                Only class UNAVAILABLE is replayed (Amazon or the CRM stayed down past the retry budget):
                the declined record is copied from its source topic (sourceTopic/Partition/Offset of the
                decline: amazon.checkout.captured.v1 or amazon.checkout.enriched.v1) back to that topic,
                with the same key, value bytes and headers plus 'relay-replay-of'. Skipped: checkouts now
                IMPORTED, superseded by a newer attempt, in progress, or already replayed and not yet
                processed. A source record past the topic's retention is reported as missing.
                <instant> is ISO-8601 UTC, e.g. 2026-11-28T10:00:00Z.

            java -jar replay.jar dlt --topic <topic>.dlt [--partition <p> --offset <o>]... [--dry-run]
                Copies dead letters (all, or the ones named) back to their original topic (header
                kafka_dlt-original-topic), without the kafka_dlt-* headers, plus 'relay-replay-of'.
                Dead letters already replayed are skipped.

            java -jar replay.jar console --metrics [<name>=]<url>[,...] [--port 8095] [--bind 127.0.0.1] [--window 6h]
                Serves a read-only web page for operators: consumer lag and the oldest checkout in work
                per service (scraped from each --metrics address, the services' /actuator/prometheus),
                the recent checkouts with their status timeline (checkout.status.v1), declines by class
                and reason over the window (crm.order.declined.v1), and what 'declined --since <window
                start> --dry-run' would replay now. Writes nothing. Environment: CONSOLE_METRICS,
                CONSOLE_PORT, CONSOLE_BIND, CONSOLE_WINDOW (30m, 6h ...). Stop it with Ctrl-C.

            Options for all:
              --bootstrap-servers <list>  Kafka brokers (else SPRING_KAFKA_BOOTSTRAP_SERVERS, the file's
                                          spring.kafka.bootstrap-servers, KAFKA_BOOTSTRAP_SERVERS, localhost:9092)
              --registry-url <url>        Apicurio registry API (else SCHEMA_REGISTRY_URL,
                                          else http://localhost:8081/apis/registry/v3)
              --kafka-config <file>       a properties file of Spring Boot Kafka settings (spring.kafka.*:
                                          security.protocol, properties.sasl.mechanism, properties.sasl.jaas.config,
                                          ssl.trust-store-location, ...); the environment's SPRING_KAFKA_* win over it
                                          Registry credentials: REGISTRY_AUTH_USERNAME/_PASSWORD, or
                                          REGISTRY_AUTH_TOKEN_ENDPOINT/_CLIENT_ID/_CLIENT_SECRET (or registry.auth.* in the file)
              --dry-run                   say what would be replayed; write nothing
              --help                      this text

            Output: one line per record (replayed / would replay / skipped / missing / failed, and
            warnings), then a summary. Exit code: 0 when nothing was missing or failed, 1 otherwise,
            2 for a command line that cannot be run.
            """;

    private Usage() {
    }
}
