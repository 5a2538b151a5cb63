package io.checkoutrelay.schemas.topic;

import java.util.List;
import java.util.stream.Collectors;

/** What a create or verify run found, topic by topic; it failed when a topic is missing or mis-partitioned. */
public record ProvisioningReport(List<TopicFinding> findings) {

    public ProvisioningReport {
        findings = List.copyOf(findings);
    }

    public boolean failed() {
        return findings.stream().anyMatch(TopicFinding::fails);
    }

    public List<TopicFinding> failures() {
        return findings.stream().filter(TopicFinding::fails).toList();
    }

    public List<TopicFinding> drift() {
        return findings.stream()
                .filter(f -> f instanceof TopicFinding.ConfigDrift || f instanceof TopicFinding.ReplicationDrift)
                .toList();
    }

    /** The report as the command prints it: one line per finding, then a summary line. */
    public String text() {
        long created = findings.stream().filter(f -> f instanceof TopicFinding.Created).count();
        long ok = findings.stream().filter(f -> f instanceof TopicFinding.Matches).count();
        return findings.stream().map(TopicFinding::line).collect(Collectors.joining("\n", "", "\n"))
                + "summary: " + created + " created, " + ok + " ok, " + drift().size() + " drift, "
                + failures().size() + " failed";
    }
}
