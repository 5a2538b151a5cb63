package io.checkoutrelay.replay.report;

import java.io.PrintStream;

/**
 * The command's output: one line per record (replayed, would replay, skipped, missing, failed) and
 * warnings, then a summary. Lines name checkout ids and topic positions only, never a record's content.
 */
public final class Report {

    private final PrintStream out;
    private final boolean dryRun;
    private int replayed;
    private int skipped;
    private int missing;
    private int failed;
    private int warnings;

    public Report(PrintStream out, boolean dryRun) {
        this.out = out;
        this.dryRun = dryRun;
    }

    public void replayed(String subject, String detail) {
        replayed++;
        line(dryRun ? "would replay" : "replayed", subject, detail);
    }

    public void skipped(String subject, String why) {
        skipped++;
        line("skipped", subject, why);
    }

    public void missing(String subject, String why) {
        missing++;
        line("missing", subject, why);
    }

    public void failed(String subject, String why) {
        failed++;
        line("failed", subject, why);
    }

    public void warning(String subject, String what) {
        warnings++;
        line("warning", subject, what);
    }

    public void note(String text) {
        out.println(text);
    }

    /** Prints the summary; the exit code is 1 when anything was missing or failed. */
    public int finish() {
        out.printf("summary: %d %s, %d skipped, %d missing, %d failed, %d warnings%s%n", replayed,
                dryRun ? "would be replayed" : "replayed", skipped, missing, failed, warnings,
                dryRun ? " (dry run: nothing written)" : "");
        out.flush();
        return missing + failed > 0 ? 1 : 0;
    }

    public int replayedCount() {
        return replayed;
    }

    private void line(String verdict, String subject, String detail) {
        out.printf("%-12s %s: %s%n", verdict, subject, detail);
    }
}
