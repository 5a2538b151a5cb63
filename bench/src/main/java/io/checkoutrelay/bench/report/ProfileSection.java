package io.checkoutrelay.bench.report;

import static io.checkoutrelay.bench.report.Format.f1;

import java.util.List;

import io.checkoutrelay.bench.profile.HotMethods;

/** Where the CPU went while targets were measured: JFR execution samples of the services. */
final class ProfileSection {

    private ProfileSection() {
    }

    /** A table cell: a '|' (Kafka's thread names have one) would end the cell. */
    static String cell(String text) {
        return text.replace("|", "/");
    }

    static void write(StringBuilder md, List<HotMethods> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        md.append("## Profiles (JFR)\n\n")
                .append("JDK Flight Recorder (`jcmd <pid> JFR.start settings=profile`: a stack sample of each running ")
                .append("Java thread every 10 ms): the intake in an extra, unmeasured window at scenario 1's highest ")
                .append("level (so the profiler's cost is not in the figures), the enricher and importer during scenario 2's largest C. Self time by method on top of ")
                .append("the stack, and samples by thread pool (digits replaced by #).\n\n");
        for (HotMethods p : profiles) {
            md.append("**").append(p.service()).append("** (").append(p.samples()).append(" samples)\n\n")
                    .append("| top of stack | share | | thread | share |\n|---|---|---|---|---|\n");
            int rows = Math.max(p.topMethods().size(), p.topThreads().size());
            for (int i = 0; i < rows; i++) {
                md.append("| ").append(i < p.topMethods().size() ? "`" + cell(p.topMethods().get(i).name()) + "`" : "")
                        .append(" | ").append(i < p.topMethods().size() ? f1(p.topMethods().get(i).percent()) + "%" : "")
                        .append(" | | ").append(i < p.topThreads().size() ? "`" + cell(p.topThreads().get(i).name()) + "`" : "")
                        .append(" | ").append(i < p.topThreads().size() ? f1(p.topThreads().get(i).percent()) + "%" : "")
                        .append(" |\n");
            }
            md.append('\n');
        }
    }
}
