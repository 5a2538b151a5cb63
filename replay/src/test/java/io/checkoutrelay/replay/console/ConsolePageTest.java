package io.checkoutrelay.replay.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's figures from what the services publish, and a page that cannot be made to run a script. */
class ConsolePageTest {

    private static final URI IMPORTER = URI.create("http://127.0.0.1:8083/actuator/prometheus");

    @Test
    void lagIsTheSumOverPartitionsAndTheOldestAgeTheLargest() {
        String scraped = """
                # HELP crm_importer_consumer_lag records not yet done
                # TYPE crm_importer_consumer_lag gauge
                crm_importer_consumer_lag{application="crm-importer",partition="0",topic="amazon.checkout.enriched.v1"} 3.0
                crm_importer_consumer_lag{application="crm-importer",partition="1",topic="amazon.checkout.enriched.v1"} 4.0
                crm_importer_oldest_unimported_age_seconds{application="crm-importer"} 42.5
                crm_importer_imports_total{application="crm-importer",kind="ORDER",settled_by_query="false"} 900.0
                jvm_threads_live_threads{application="crm-importer"} 50.0
                """;

        ServiceGauges.Gauges gauges = ServiceGauges.parse("", IMPORTER, scraped);

        assertThat(gauges.service()).isEqualTo("crm-importer");
        assertThat(gauges.lag()).isEqualTo(7.0);
        assertThat(gauges.partitions()).isEqualTo(2);
        assertThat(gauges.oldestAgeSeconds()).isEqualTo(42.5);
        assertThat(gauges.error()).isNull();
    }

    @Test
    void aServiceIsNamedByTheOperatorElseByItsMetrics() {
        String untagged = "enricher_consumer_lag{partition=\"0\",topic=\"amazon.checkout.captured.v1\"} 2.0\n"
                + "enricher_oldest_in_work_age_seconds 0.0\n";

        assertThat(ServiceGauges.parse("", IMPORTER, untagged).service()).isEqualTo("enricher");
        assertThat(ServiceGauges.parse("profile-enricher", IMPORTER, untagged).service()).isEqualTo("profile-enricher");
        assertThat(ServiceGauges.parse("profile-enricher", IMPORTER, untagged).lag()).isEqualTo(2.0);
    }

    @Test
    void textFromTopicsIsEscapedOnThePage() {
        Instant now = Instant.parse("2026-11-29T06:00:00Z");
        DeclineTally tally = new DeclineTally(List.of(now.minus(Duration.ofHours(1))),
                Map.of("TERMINAL <script>alert(1)</script>", new int[] {2}));
        ConsoleSnapshot snapshot = new ConsoleSnapshot(now, now.minus(Duration.ofHours(1)),
                List.of(ServiceGauges.parse("", IMPORTER, "crm_importer_consumer_lag{application=\"crm-importer\"} 1\n")),
                List.of(), tally, List.of("summary: 0 would be replayed <b>"));

        String html = ConsolePage.render(snapshot, Duration.ofSeconds(15));

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("summary: 0 would be replayed &lt;b&gt;")
                .contains("id=\"lag-crm-importer\"");
    }
}
