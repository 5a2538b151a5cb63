package io.checkoutrelay.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.checkoutrelay.bench.load.GeneratorProcess;
import io.checkoutrelay.bench.load.LoadSpec;
import io.checkoutrelay.bench.load.SendLog;
import io.checkoutrelay.bench.measure.OutcomeWatcher;
import io.checkoutrelay.bench.system.ConsumerGroups;
import io.checkoutrelay.bench.system.SandboxClient;
import io.checkoutrelay.bench.system.BenchStack;
import io.checkoutrelay.localstack.system.WholeSystem;
import io.checkoutrelay.schemas.topic.Topics;

/**
 * A freshly started importer needs its partitions assigned, its ledger restored, schemas fetched and
 * code compiled before it imports at speed (about 20 s on this machine): a few checkouts are taken
 * all the way to IMPORTED before anything is measured.
 */
final class PipelineWarmUp {

    static final int CHECKOUTS = 40;
    static final String ENRICHER_GROUP = "profile-enricher";
    static final Duration LIMIT = Duration.ofMinutes(3);

    private PipelineWarmUp() {
    }

    /**
     * Starts the importer for {@code setup} on a fresh consumer group at the end of its input (after
     * the enricher has passed on what it still held), then warms it up.
     */
    static Duration startImporter(BenchStack stack, GeneratorProcess generator, OutcomeWatcher watcher,
                                  int runNumber, CrmSetup setup, SandboxClient sandbox, Map<String, Object> settings)
            throws InterruptedException {
        WholeSystem system = stack.system();
        system.stopService(WholeSystem.IMPORTER);
        // only now: the previous importer kept calling the CRM until it stopped
        sandbox.reset();
        sandbox.settings(settings);
        awaitEnricherDrained(system);
        ConsumerGroups.skipToEnd(system.bootstrapServers(), setup.consumerGroup(), Topics.CHECKOUT_ENRICHED.name());
        Duration startup = system.startService(WholeSystem.IMPORTER, setup.importerEnvironment()).startup();
        stack.verify(WholeSystem.IMPORTER, setup.importerSettings());
        run(system, generator, watcher, runNumber);
        return startup;
    }

    private static void awaitEnricherDrained(WholeSystem system) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && ConsumerGroups.lag(system.bootstrapServers(), ENRICHER_GROUP,
                Topics.CHECKOUT_CAPTURED.name()) > 0) {
            Thread.sleep(500);
        }
    }

    static void run(WholeSystem system, GeneratorProcess generator, OutcomeWatcher watcher, int runNumber)
            throws InterruptedException {
        long begin = System.nanoTime();
        String prefix = generator.nextPrefix();
        Path sendsFile = system.workDir().resolve("warmup-" + prefix + ".txt");
        generator.run(new LoadSpec(URI.create(system.service(WholeSystem.INTAKE).url()), LoadSpec.Mode.OPEN, 8,
                CHECKOUTS / 4.0, 0, 4, prefix, runNumber, sendsFile));
        List<String> ids = SendLog.read(sendsFile).checkoutIds();
        int done = watcher.awaitOutcomes(ids, LIMIT);
        if (ids.isEmpty() || done < ids.size()) {
            throw new IllegalStateException("warm-up: " + done + " of " + ids.size() + " checkouts reached an outcome "
                    + "within " + LIMIT + "; see the service logs under " + system.workDir());
        }
        System.out.printf("  warm-up: %d checkouts imported in %.1f s%n", ids.size(), (System.nanoTime() - begin) / 1e9);
    }
}
