package io.checkoutrelay.bench.report;

import java.util.List;

import io.checkoutrelay.bench.settings.ReadBack;

/** Every setting the bench gave a process, as read back from the running process (all matched, or the run stopped). */
final class SettingsSection {

    private SettingsSection() {
    }

    static void write(StringBuilder md, List<ReadBack> readBacks) {
        if (readBacks.isEmpty()) {
            return;
        }
        md.append("## Settings read back\n\n")
                .append("Every setting the bench gave a process was read back from the running process after each (re)start, ")
                .append("and a difference would have stopped the run: environment variables from `/proc/<pid>/environ`; ")
                .append("what they bind to from `/actuator/configprops` (or `/actuator/env/<property>` for a property no ")
                .append("`@ConfigurationProperties` bean holds) on each service's own management port, where the bench ")
                .append("exposes them with values shown (secrets masked by observability's SecretSanitizing); JVM flags from ")
                .append("`jcmd <pid> VM.flags -all`. ").append(readBacks.size()).append(" read-backs, all matching:\n\n")
                .append("| process | setting | value in force | read from |\n|---|---|---|---|\n");
        readBacks.stream().filter(r -> !r.where().startsWith("/proc/")).map(r -> "| " + r.process() + " | `" + r.setting()
                        + "` | `" + r.found() + "` | " + r.where().replace("|", "\\|") + " |\n")
                .distinct().forEach(md::append);
        md.append('\n');
    }
}
