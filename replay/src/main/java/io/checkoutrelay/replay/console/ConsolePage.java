package io.checkoutrelay.replay.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link ConsoleSnapshot} as one self-contained, read-only HTML page (no script, refreshes itself). */
final class ConsolePage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private ConsolePage() {
    }

    static String render(ConsoleSnapshot snapshot, Duration refresh) {
        StringBuilder html = new StringBuilder(8192);
        html.append("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="%d"><title>checkout-relay console</title>
                <style>
                body{font-family:sans-serif;margin:1.5em;color:#222} h1{font-size:1.4em} h2{font-size:1.1em;margin-top:1.6em}
                table{border-collapse:collapse;margin:.4em 0} td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}
                th{background:#f0f0f0} .num{text-align:right} .bad{color:#b00} .ok{color:#070} .muted{color:#777}
                .IMPORTED{color:#070;font-weight:bold} .DECLINED{color:#b00;font-weight:bold} pre{background:#f6f6f6;padding:.6em}
                </style></head><body>
                """.formatted(refresh.toSeconds()));
        html.append("<h1>checkout-relay operator console</h1><p class=\"muted\">Read-only. Topics read since ")
                .append(DAY_TIME.format(snapshot.from())).append(" UTC, metrics scraped at ")
                .append(TIME.format(snapshot.takenAt())).append(" UTC; refreshes every ").append(refresh.toSeconds())
                .append(" s.</p>");
        lag(html, snapshot);
        checkouts(html, snapshot);
        declines(html, snapshot);
        replay(html, snapshot);
        return html.append("</body></html>\n").toString();
    }

    private static void lag(StringBuilder html, ConsoleSnapshot snapshot) {
        html.append("<h2 id=\"lag\">Consumer lag and oldest checkout in work</h2><table id=\"lag-table\"><tr>")
                .append("<th>service</th><th>consumer lag (records)</th><th>partitions</th>")
                .append("<th>oldest unimported / in work</th><th>source</th></tr>");
        for (ServiceGauges.Gauges g : snapshot.gauges()) {
            html.append("<tr id=\"lag-").append(escape(g.service())).append("\"><td>").append(escape(g.service())).append("</td>");
            if (g.error() != null) {
                html.append("<td colspan=\"3\" class=\"bad\">").append(escape(g.error())).append("</td>");
            } else {
                html.append("<td class=\"num lag\">").append(String.format(Locale.ROOT, "%.0f", g.lag()))
                        .append("</td><td class=\"num\">").append(g.partitions()).append("</td><td class=\"num ")
                        .append(g.oldestAgeSeconds() > 600 ? "bad" : "ok").append("\">")
                        .append(String.format(Locale.ROOT, "%.0f s", g.oldestAgeSeconds())).append("</td>");
            }
            html.append("<td class=\"muted\">").append(escape(g.source().toString())).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void checkouts(StringBuilder html, ConsoleSnapshot snapshot) {
        html.append("<h2 id=\"checkouts\">Recent checkouts</h2>");
        if (snapshot.checkouts().isEmpty()) {
            html.append("<p class=\"muted\">No status changes in the window.</p>");
        }
        for (StatusTimelines.Timeline timeline : snapshot.checkouts()) {
            html.append("<details id=\"checkout-").append(escape(timeline.checkoutId())).append("\" open><summary>")
                    .append("<code>").append(escape(timeline.checkoutId())).append("</code> <span class=\"")
                    .append(escape(timeline.latestOrderStatus())).append("\">").append(escape(timeline.latestOrderStatus()))
                    .append("</span> <span class=\"muted\">").append(TIME.format(timeline.lastChange()))
                    .append("</span></summary><table class=\"timeline\"><tr><th>time (UTC)</th><th>what</th>")
                    .append("<th>attempt</th><th>status</th><th>detail</th><th>by</th></tr>");
            for (StatusTimelines.Change change : timeline.changes()) {
                html.append("<tr><td>").append(TIME.format(change.at())).append("</td><td>").append(escape(change.subject()))
                        .append("</td><td class=\"num\">").append(change.attempt()).append("</td><td class=\"")
                        .append(escape(change.status())).append("\">").append(escape(change.status())).append("</td><td>")
                        .append(escape(change.detail())).append("</td><td class=\"muted\">").append(escape(change.by()))
                        .append("</td></tr>");
            }
            html.append("</table></details>");
        }
    }

    private static void declines(StringBuilder html, ConsoleSnapshot snapshot) {
        DeclineTally tally = snapshot.declines();
        html.append("<h2 id=\"declines\">Declines by class and reason</h2><table id=\"decline-table\"><tr><th>class</th><th>reason</th>");
        for (Instant start : tally.slices()) {
            html.append("<th>from ").append(TIME.format(start)).append("</th>");
        }
        html.append("<th>total</th></tr>");
        if (tally.counts().isEmpty()) {
            html.append("<tr><td colspan=\"").append(tally.slices().size() + 3).append("\" class=\"muted\">none</td></tr>");
        }
        for (Map.Entry<String, int[]> row : tally.counts().entrySet()) {
            String[] classAndReason = row.getKey().split(" ", 2);
            html.append("<tr id=\"decline-").append(escape(classAndReason[0])).append('-').append(escape(classAndReason[1]))
                    .append("\"><td>").append(escape(classAndReason[0])).append("</td><td>").append(escape(classAndReason[1]))
                    .append("</td>");
            int total = 0;
            for (int count : row.getValue()) {
                total += count;
                html.append("<td class=\"num\">").append(count == 0 ? "" : count).append("</td>");
            }
            html.append("<td class=\"num total\">").append(total).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void replay(StringBuilder html, ConsoleSnapshot snapshot) {
        html.append("<h2 id=\"replay\">UNAVAILABLE declines a replay would pick up</h2><p class=\"muted\">")
                .append("The dry run of <code>replay declined --since ").append(snapshot.from())
                .append(" --dry-run</code>, as the command prints it; run the command without --dry-run to replay.</p><pre id=\"replay-dry-run\">");
        for (String line : snapshot.replayDryRun()) {
            html.append(escape(line)).append('\n');
        }
        html.append("</pre>");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
