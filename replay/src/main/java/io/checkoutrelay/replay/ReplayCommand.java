package io.checkoutrelay.replay;

import java.io.PrintStream;
import java.lang.ref.Reference;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

import io.checkoutrelay.replay.cli.ArgumentError;
import io.checkoutrelay.replay.cli.Arguments;
import io.checkoutrelay.replay.cli.Connection;
import io.checkoutrelay.replay.console.ConsoleServer;
import io.checkoutrelay.replay.cli.Request;
import io.checkoutrelay.replay.cli.Usage;
import io.checkoutrelay.replay.declined.DeclinedReplay;
import io.checkoutrelay.replay.dlt.DeadLetterReplay;
import io.checkoutrelay.replay.kafka.RecordDecoder;
import io.checkoutrelay.replay.kafka.Republisher;
import io.checkoutrelay.replay.kafka.TopicReader;
import io.checkoutrelay.replay.report.Report;

/** The operator's replay command: {@code java -jar replay.jar declined|dlt ...}; see {@link Usage}. */
public final class ReplayCommand {

    static final int BAD_ARGUMENTS = 2;

    private ReplayCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        // the registry client speaks through java.util.logging; its notices are not the operator's business
        java.util.logging.Logger registryClient = java.util.logging.Logger.getLogger("io.apicurio");
        registryClient.setLevel(java.util.logging.Level.SEVERE);
        Request request;
        try {
            request = Arguments.parse(Arrays.asList(args), environment);
        } catch (ArgumentError e) {
            err.println("replay: " + e.getMessage());
            err.println("replay --help shows the usage");
            return BAD_ARGUMENTS;
        }
        try {
            if (request instanceof Request.Declined declined) {
                return declined(declined, out);
            }
            if (request instanceof Request.DeadLetters deadLetters) {
                return deadLetters(deadLetters, out);
            }
            if (request instanceof Request.Console console) {
                return ConsoleServer.serve(console, out);
            }
            out.print(Usage.TEXT);
            return 0;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            err.println("replay failed: Kafka did not answer in time (" + e.getMessage() + "); is "
                    + connectionOf(request) + " right, and are the security settings? (--bootstrap-servers or"
                    + " KAFKA_BOOTSTRAP_SERVERS; SPRING_KAFKA_* or --kafka-config)");
            return 1;
        } catch (RuntimeException e) {
            err.println("replay failed: " + e);
            return 1;
        } finally {
            Reference.reachabilityFence(registryClient); // keeps the level: LogManager holds loggers weakly
        }
    }

    private static String connectionOf(Request request) {
        if (request instanceof Request.Declined declined) {
            return declined.connection().bootstrapServers();
        }
        if (request instanceof Request.Console console) {
            return console.connection().bootstrapServers();
        }
        return request instanceof Request.DeadLetters deadLetters ? deadLetters.connection().bootstrapServers() : "?";
    }

    private static int declined(Request.Declined request, PrintStream out) {
        Report report = new Report(out, request.dryRun());
        Connection connection = request.connection();
        try (TopicReader reader = new TopicReader(connection.consumerConfigs());
             RecordDecoder decoder = new RecordDecoder(connection.registryUrl(), connection.registryAuth());
             Republisher publisher = request.dryRun() ? null : new Republisher(connection.producerConfigs())) {
            new DeclinedReplay(reader, decoder, publisher, report, Clock.systemUTC()).run(request);
        }
        return report.finish();
    }

    private static int deadLetters(Request.DeadLetters request, PrintStream out) {
        Report report = new Report(out, request.dryRun());
        Connection connection = request.connection();
        try (TopicReader reader = new TopicReader(connection.consumerConfigs());
             Republisher publisher = request.dryRun() ? null : new Republisher(connection.producerConfigs())) {
            new DeadLetterReplay(reader, publisher, report).run(request);
        }
        return report.finish();
    }
}
