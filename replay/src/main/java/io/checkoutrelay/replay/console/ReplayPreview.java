package io.checkoutrelay.replay.console;

import io.checkoutrelay.replay.cli.Connection;
import io.checkoutrelay.replay.cli.Request;
import io.checkoutrelay.replay.declined.DeclinedReplay;
import io.checkoutrelay.replay.kafka.RecordDecoder;
import io.checkoutrelay.replay.kafka.TopicReader;
import io.checkoutrelay.replay.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What {@code replay declined --since <from> --dry-run} would say now: the same planner, run without a
 * publisher, its report lines kept for the page.
 */
final class ReplayPreview {

    private ReplayPreview() {
    }

    /** The dry run's report: one line per checkout (would replay / skipped / missing / warning), then the summary. */
    static List<String> dryRun(TopicReader reader, RecordDecoder decoder, Connection connection, Instant since,
                               Clock clock) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            Report report = new Report(out, true);
            new DeclinedReplay(reader, decoder, null, report, clock)
                    .run(new Request.Declined(Set.of(), since, null, true, connection));
            report.finish();
        }
        return text.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
