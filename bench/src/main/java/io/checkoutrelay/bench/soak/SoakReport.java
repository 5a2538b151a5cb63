package io.checkoutrelay.bench.soak;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The soak's results file: the command, the faults as executed, the five figures, the verdict. */
final class SoakReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private SoakReport() {
    }

    static String render(SoakResult r) {
        SoakFigures f = r.figures();
        StringBuilder md = new StringBuilder();
        List<String> violations = r.violations();
        md.append("# Soak ").append(r.options().name()).append("\n\n")
                .append("Run ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(r.startedAt().atOffset(ZoneOffset.UTC)
                        .withNano(0))).append(" UTC, took ").append(seconds(r.took())).append(" (load and faults ")
                .append(seconds(r.loadTook())).append(", then quiet after ").append(seconds(r.quietTook()))
                .append("). Commit `").append(r.environment().gitCommit()).append("`.\n\n")
                .append("Command: `./mvnw -B package -DskipTests && java -jar bench/target/bench.jar --soak --checkouts ")
                .append(r.options().checkouts()).append(" --rate ").append(num(r.options().rate())).append(" --faults ")
                .append(r.options().faults()).append("` (bench/README.md, \"Soak\").\n\n")
                .append("**Verdict: ").append(violations.isEmpty() ? "passed** — every invariant holds."
                        : "FAILED** — " + String.join("; ", violations) + ".").append("\n\n");

        md.append("## The five figures\n\n")
                .append("| invariant | expected | found |\n|---|---|---|\n")
                .append(row("checkouts lost (accepted attempts of orders and upsells without a result event, or "
                        + "IMPORTED where the CRM holds no sale)", "0", f.lost()))
                .append(row("checkouts charged twice (more than one charged CRM order, an order imported twice, or an "
                        + "upsell product counted twice)", "0", f.chargedTwice()))
                .append("| `OrderImported`/`OrderDeclined` events per checkout attempt, read_committed | exactly 1 | ")
                .append(f.exactlyOneResult()).append(" of ").append(f.attempts()).append(" attempts have exactly 1; ")
                .append(f.moreThanOne()).append(" have more |\n")
                .append("| orders and upsells with a terminal status (IMPORTED or DECLINED at their last attempt) | 100 % | ")
                .append(f.terminal()).append(" of ").append(f.statusKeys()).append(" (")
                .append(percent(f.terminal(), f.statusKeys())).append(") |\n")
                .append(row("orders and upsells whose status went backwards", "0", f.backwards()))
                .append("\n")
                .append("Checkouts accepted: ").append(f.checkouts()).append(" (").append(f.orderAttempts())
                .append(" order attempts, ").append(f.upsells()).append(" upsells); orders IMPORTED ")
                .append(f.imported()).append(", DECLINED ").append(f.declined())
                .append(" (the plan's card declines: 1 in 40 declined once then charged on attempt 2, 1 in 40 declined "
                        + "on both attempts). Records read from the three topics: ").append(r.recordsRead())
                .append(". Lander retries (no answer, 5xx, 429, upsell before its checkout was known): ")
                .append(r.landerRetries()).append(" ").append(r.landerRetryCauses()).append("; lander failures: ")
                .append(r.landerFailures()).append(".\n\n");
        if (!f.examples().isEmpty()) {
            md.append("### Violations found (up to ").append(SoakFigures.EXAMPLES).append(" of each)\n\n");
            f.examples().forEach((kind, cases) -> {
                md.append("- **").append(kind).append("**\n");
                cases.forEach(c -> md.append("  - `").append(c.replace("`", "'")).append("`\n"));
            });
            md.append("\n");
        }

        md.append("## Faults\n\n")
                .append("Sandbox (whole run): ").append(new TreeMap<>(r.sandboxFaults())).append(". What it answered "
                        + "(calls by outcome): CRM ").append(r.sandboxOutcomes().get("crm")).append("; Amazon ")
                .append(r.sandboxOutcomes().get("amazon")).append(".\n\n")
                .append("Process faults planned (").append(r.plan().name()).append("): ").append(r.plan().counts())
                .append("; executed: ").append(executedCounts(r.faults())).append(".\n\n")
                .append("| # | planned at | began (UTC) | ended | fault | what happened |\n|---|---|---|---|---|---|\n");
        for (FaultInjector.Executed e : r.faults()) {
            md.append("| ").append(e.number()).append(" | ").append(Math.round(e.step().atProgress() * 100))
                    .append(" % of checkouts posted | ").append(TIME.format(e.began())).append(" | ")
                    .append(TIME.format(e.ended())).append(" | ").append(e.step().fault().label()).append(" | ")
                    .append(e.detail()).append(e.failed() ? " **(failed)**" : "").append(" |\n");
        }
        md.append("\n## How it runs\n\n")
                .append("- The whole system as the bench starts it (`BenchStack`): a real KRaft broker, a real Apicurio "
                        + "registry (storage kept across its restart), the sandbox, order-intake, profile-enricher and "
                        + "crm-importer, one process each, on this machine (")
                .append(r.environment().cpus()).append(" CPUs, ").append(r.environment().javaVersion())
                .append("; load average before ").append(r.environment().loadBefore()).append(", after ")
                .append(r.environment().loadAfter()).append(").\n")
                .append("- Service settings for the soak: `").append(new TreeMap<>(r.serviceSettings()))
                .append("` — the importer's waits shortened so the run fits this machine, the rules unchanged: the CRM "
                        + "request timeout (5 s) still exceeds the sandbox's late commit (3 s after the call), a resend "
                        + "still needs \"not charged\" read twice apart, retries back off up to 5 s instead of 30 s, a SIGSTOP (")
                .append(SoakOptions.FREEZE.toSeconds()).append(" s) outlasts the importer's session timeout (")
                .append(SoakOptions.SESSION_TIMEOUT.toSeconds()).append(" s).\n")
                .append("- Landers post each checkout through `POST /v1/checkouts` at a steady rate, then its upsells "
                        + "(`POST /v1/checkouts/{id}/upsells`, a third none, a third one, a third two; the even "
                        + "checkouts' upsells with an `Idempotency-Key`), retrying with the same body and key what a "
                        + "lander retries; after a decline they read the status API and submit the checkout again.\n")
                .append("- A process fault is due at a point of the load (fraction of checkouts posted); a killed "
                        + "service is started again at once (as Kubernetes would), a stopped one continued after its "
                        + "freeze; the broker and the registry are stopped (SIGTERM) and started on the same ports and data.\n")
                .append("- Checked from the outside once quiet (every accepted attempt has a result and every status is "
                        + "terminal, then nothing new for ").append(Soak.QUIET.toSeconds()).append(" s): a `read_committed` "
                        + "consumer of `crm.order.imported.v1`, `crm.order.declined.v1` and `checkout.status.v1` "
                        + "started before the load, and the sandbox CRM's orders (`GET /sandbox/orders`). Status order "
                        + "(contracts.md): within an attempt ACCEPTED → ENRICHED → IMPORTING/RETRYING → IMPORTED or "
                        + "DECLINED, a higher attempt starts again, IMPORTED is final; the intake's own ACCEPTED of "
                        + "the same attempt arriving after a later stage is the one race the contract allows.\n");
        return md.toString();
    }

    private static String executedCounts(List<FaultInjector.Executed> executed) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        executed.stream().filter(e -> !e.failed()).forEach(e -> counts.merge(e.step().fault().label(), 1, Integer::sum));
        return counts.toString();
    }

    private static String row(String what, String expected, long found) {
        return "| " + what + " | " + expected + " | " + found + " |\n";
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100.0 * part / whole);
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String seconds(Duration duration) {
        long s = duration.toSeconds();
        return s >= 120 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }

}
