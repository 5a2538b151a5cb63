package io.checkoutrelay.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.checkoutrelay.bench.EnvironmentProbe;
import io.checkoutrelay.bench.RepositoryRoot;
import io.checkoutrelay.bench.load.CheckoutRequests;
import io.checkoutrelay.bench.BenchOptions;
import io.checkoutrelay.bench.system.BenchStack;
import io.checkoutrelay.bench.system.SandboxClient;
import io.checkoutrelay.localstack.system.WholeSystem;
import io.checkoutrelay.schemas.identity.CheckoutIds;

/**
 * {@code java -jar bench/target/bench.jar --soak [--checkouts N]}: the whole system as bench runs it
 * ({@link BenchStack}), the CRM and Amazon failing at the rates, landers posting checkouts with
 * upsells, and a schedule of crashes, freezes and restarts; then, once quiet, checks from the outside
 * that nothing was lost, charged twice, told twice, left unsettled or taken back. Writes
 * bench/results/NAME.md; exits 1 when an invariant is broken.
 */
public final class Soak {

    /** The sandbox's faults: CRM 20 % 503, 5 % replies lost after the commit, 5 % 504-then-commit; Amazon 10 % 429. */
    static final Map<String, Object> SANDBOX_FAULTS = Map.of("crm.failure-rate", 0.20, "crm.lost-reply-rate", 0.05,
            "crm.late-commit-rate", 0.05, "crm.late-commit-delay", "3s", "amazon.throttle-rate", 0.10);

    /**
     * The importer's timings shortened so 10,000 checkouts fit a run on this machine, the rules unchanged:
     * the CRM request timeout (5 s) still exceeds the late commit (3 s after the call); "not charged" is
     * read twice 3 s apart before a resend; retries back off up to 5 s, not 30 s (with 20 % of all CRM
     * calls failing, an unlucky checkout otherwise waits minutes); the session timeout is 10 s (a
     * SIGSTOP lasts 25 s).
     */
    static final Map<String, String> SERVICE_SETTINGS = Map.of(
            "CRMIMPORTER_CHECKOUTCHAMP_REQUESTTIMEOUT", "5s",
            "CRMIMPORTER_RETRY_SETTLEDELAY", "1s",
            "CRMIMPORTER_RETRY_MAXBACKOFF", "5s",
            "CRMIMPORTER_RETRY_PARTIALCONFIRMINTERVAL", "3s",
            "CRMIMPORTER_CONSUMER_SESSIONTIMEOUT", SoakOptions.SESSION_TIMEOUT.toSeconds() + "s");

    /** Nothing new on the topics for this long, once everything settled: quiet. */
    static final Duration QUIET = Duration.ofSeconds(15);

    private Soak() {
    }

    public static void main(String[] args) {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.err.print(SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = RepositoryRoot.find();
        Path resultsDir = options.resultsDir() != null ? options.resultsDir() : root.resolve("bench").resolve("results");
        Path workDir = root.resolve("bench").resolve("target").resolve("soak-run");
        int exit;
        try {
            SoakResult result = run(options, root, workDir);
            Files.createDirectories(resultsDir);
            Path markdown = resultsDir.resolve(options.name() + ".md");
            Files.writeString(markdown, SoakReport.render(result), StandardCharsets.UTF_8);
            List<String> violations = result.violations();
            System.out.println("results: " + markdown + " (took " + result.took().toSeconds() + " s)");
            if (violations.isEmpty()) {
                System.out.println("soak passed: every invariant holds");
                exit = 0;
            } else {
                System.err.println("soak FAILED: " + String.join("; ", violations));
                exit = 1;
            }
        } catch (Exception e) {
            System.err.println("soak failed: " + e.getMessage() + " (logs under " + workDir + ")");
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** Runs the soak; the result says which invariants broke (none when it passed). */
    public static SoakResult run(SoakOptions options, Path root, Path workDir) throws Exception {
        Instant started = Instant.now();
        long begin = System.nanoTime();
        String loadBefore = EnvironmentProbe.loadAverage();
        deleteRecursively(workDir);
        FaultPlan plan = options.plan();
        System.out.println("soak: " + options.checkouts() + " checkouts at " + options.rate() + "/s, faults '"
                + plan.name() + "' " + plan.counts() + "; starting the stack ...");
        Map<String, String> settings = new LinkedHashMap<>(BenchOptions.DEFAULT_SERVICE_ENVIRONMENT);
        settings.putAll(SERVICE_SETTINGS);
        // the images' flags per service, and every setting read back from the processes (BenchStack)
        BenchStack stack = BenchStack.start(root, workDir, BenchOptions.parse(new String[0]).jvmFlagsByService(), settings);
        try (WholeSystem system = stack.system()) {
            SandboxClient sandbox = new SandboxClient(system.sandboxUrl());
            sandbox.reset();
            sandbox.settings(SANDBOX_FAULTS);
            int run = ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
            URI intake = URI.create(system.serviceUrl(WholeSystem.INTAKE));
            CheckoutRequests requests = new CheckoutRequests("S12", run, intake.getHost(), intake.getPort());
            try (ResultEvents events = new ResultEvents(system.bootstrapServers(), system.registryUrl());
                 SoakLander lander = new SoakLander(intake, requests, options.checkouts(), options.rate());
                 FaultInjector faults = new FaultInjector(system, plan, lander::progress)) {
                long loadBegan = System.nanoTime();
                lander.start();
                faults.start();
                Duration loadLimit = Duration.ofSeconds((long) (options.checkouts() / options.rate()) + 1200);
                boolean posted = lander.awaitDone(loadLimit);
                boolean allFaults = faults.awaitAll(Duration.ofMinutes(10));
                Duration loadTook = Duration.ofNanos(System.nanoTime() - loadBegan);
                System.out.printf("  load done in %d s (%s), faults %s; waiting until quiet ...%n", loadTook.toSeconds(),
                        posted ? "all answered" : "NOT all answered", allFaults ? "all run" : "NOT all run");
                List<SoakFigures.Expected> expected = expected(lander.accepted(), requests);
                long quietBegan = System.nanoTime();
                boolean quiet = awaitQuiet(events, expected, options.quietLimit());
                Duration quietTook = Duration.ofNanos(System.nanoTime() - quietBegan);
                Map<String, Map<String, Long>> sandboxOutcomes = sandbox.outcomes();
                List<CrmOrders.Order> crm = CrmOrders.from(sandbox.orders());
                SoakFigures figures = SoakFigures.compute(expected, events.results(), events.statuses(), crm);
                List<String> problems = new ArrayList<>();
                if (!posted) {
                    problems.add("the landers did not finish within " + loadLimit);
                }
                if (!allFaults) {
                    problems.add("not every fault of the schedule ran");
                }
                faults.executed().stream().filter(FaultInjector.Executed::failed)
                        .forEach(f -> problems.add("fault " + f.number() + " (" + f.step().fault().label() + ") " + f.detail()));
                if (!quiet) {
                    problems.add("not quiet within " + options.quietLimit());
                }
                lander.failures().stream().limit(10).forEach(f -> problems.add("lander: " + f));
                if (events.undecodable() > 0) {
                    problems.add(events.undecodable() + " records a read_committed consumer could not decode");
                }
                return new SoakResult(options, plan, started, Duration.ofNanos(System.nanoTime() - begin), loadTook,
                        quietTook, EnvironmentProbe.describe(root, loadBefore), SANDBOX_FAULTS, SERVICE_SETTINGS,
                        faults.executed(), sandboxOutcomes, lander.retries(), lander.retryCauses(),
                        lander.failures().size(), events.records(), figures, problems);
            }
        }
    }

    /** Each accepted checkout with the upsell ids its plan gives (contracts.md, upsell identity). */
    static List<SoakFigures.Expected> expected(Map<String, SoakLander.Accepted> accepted, CheckoutRequests requests) {
        List<SoakFigures.Expected> expected = new ArrayList<>();
        for (SoakLander.Accepted checkout : accepted.values()) {
            if (checkout.orderAttempts().isEmpty()) {
                continue; // never accepted: the lander's failure is reported on its own
            }
            Map<String, Long> products = new LinkedHashMap<>();
            for (CheckoutPlan.Upsell upsell : checkout.plan().upsells()) {
                String upsellId = upsell.idempotencyKey() != null
                        ? CheckoutIds.upsellIdForKey(checkout.checkoutId(), upsell.idempotencyKey())
                        : CheckoutIds.upsellIdForReference(checkout.checkoutId(), checkout.orderReference(), upsell.productId());
                products.put(upsellId, upsell.productId());
            }
            expected.add(new SoakFigures.Expected(checkout.checkoutId(), checkout.orderReference(),
                    java.util.Set.copyOf(checkout.orderAttempts()), products, Map.copyOf(checkout.upsellAttempts())));
        }
        return expected;
    }

    /**
     * Waits until every accepted attempt has a result and every order and upsell a terminal status, then
     * until nothing new arrives for {@link #QUIET}; at most {@code limit}. Whether it got quiet.
     */
    static boolean awaitQuiet(ResultEvents events, List<SoakFigures.Expected> expected, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastCount = -1;
        long unchangedSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            SoakFigures now = SoakFigures.compute(expected, events.results(), events.statuses(), List.of());
            boolean settled = now.attempts() == now.exactlyOneResult() + now.moreThanOne() && now.nonTerminal() == 0;
            long count = events.records();
            if (count != lastCount) {
                lastCount = count;
                unchangedSince = System.nanoTime();
            }
            if (settled && System.nanoTime() - unchangedSince >= QUIET.toNanos()) {
                return true;
            }
            Thread.sleep(2000);
        }
        return false;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
