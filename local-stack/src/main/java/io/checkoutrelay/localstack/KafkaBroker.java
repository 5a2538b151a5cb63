package io.checkoutrelay.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import io.checkoutrelay.localstack.security.BrokerSecurity;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) in a child JVM,
 * listening on loopback. Its classpath is this module's runtime classpath (broker.classpath).
 */
public final class KafkaBroker extends LocalProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Optional<BrokerSecurity> security;
    private final Path workDir;
    private final int controllerPort;

    private KafkaBroker(ManagedProcess process, int port, Duration startup, Optional<BrokerSecurity> security,
                        Path workDir, int controllerPort) {
        super(process, port, startup);
        this.security = security;
        this.workDir = workDir;
        this.controllerPort = controllerPort;
    }

    /** Formats a fresh log directory under {@code workDir} and starts the broker on {@code port} (PLAINTEXT). */
    public static KafkaBroker start(Path workDir, int port, int controllerPort) {
        return start(workDir, port, controllerPort, Optional.empty());
    }

    /**
     * The same broker with its client listener secured as managed clusters are: SASL_SSL (SCRAM-SHA-512,
     * {@code security}'s certificates and users), the standard authorizer, nothing allowed without an ACL.
     */
    public static KafkaBroker startSecured(Path workDir, int port, int controllerPort, BrokerSecurity security) {
        return start(workDir, port, controllerPort, Optional.of(security));
    }

    private static KafkaBroker start(Path workDir, int port, int controllerPort, Optional<BrokerSecurity> security) {
        Path config = writeConfig(workDir, port, controllerPort, security);
        List<String> jvm = jvmOptions(workDir);
        format(workDir, config, jvm, security);
        return launch(workDir, port, controllerPort, security, "kafka.log");
    }

    private static List<String> jvmOptions(Path workDir) {
        return List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + writeLogConfig(workDir), "-cp", brokerClasspath());
    }

    private static KafkaBroker launch(Path workDir, int port, int controllerPort, Optional<BrokerSecurity> security,
                                      String logName) {
        Path config = workDir.resolve("server.properties");
        ManagedProcess process = ManagedProcess.start("kafka", Java.command(jvmOptions(workDir),
                List.of("kafka.Kafka", config.toString())), Map.of(), workDir, workDir.resolve(logName));
        Map<String, Object> admin = adminConfigs("127.0.0.1:" + port, security);
        Duration startup = process.awaitReady(() -> hasBroker(admin), READY_TIMEOUT);
        return new KafkaBroker(process, port, startup, security, workDir, controllerPort);
    }

    /**
     * Stops this broker (SIGTERM, a clean shutdown as a rolling restart does) and starts it again on
     * the same ports and log directory: topics, offsets and transactions survive, clients reconnect.
     * Returns the new broker; this one is closed. Its output goes to {@code kafka-restart-<n>.log}.
     */
    public KafkaBroker restart(int restartNumber) {
        close();
        return launch(workDir, port, controllerPort, security, "kafka-restart-" + restartNumber + ".log");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The users, certificates and ACL plan of a secured broker; empty for a PLAINTEXT one. */
    public Optional<BrokerSecurity> security() {
        return security;
    }

    /** Settings of an administrative client of this broker (creating topics and ACLs, reading offsets). */
    public Map<String, Object> adminConfigs() {
        return adminConfigs(bootstrapServers(), security);
    }

    private static Map<String, Object> adminConfigs(String bootstrap, Optional<BrokerSecurity> security) {
        return security.map(s -> s.superUser().clientConfigs(bootstrap, s.trustStore()))
                .orElse(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void format(Path workDir, Path config, List<String> jvm, Optional<BrokerSecurity> security) {
        List<String> arguments = new ArrayList<>(List.of("kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString(), "--ignore-formatted"));
        security.ifPresent(s -> arguments.addAll(s.scramArguments()));
        List<String> command = Java.command(jvm, arguments);
        Path log = workDir.resolve("kafka-format.log");
        try {
            Process format = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting the Kafka log directory failed:\n" + Logs.tail(log, 30));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private static boolean hasBroker(Map<String, Object> adminConfigs) {
        Properties props = new Properties();
        props.putAll(adminConfigs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            return false;
        }
    }

    private static Path writeConfig(Path workDir, int port, int controllerPort, Optional<BrokerSecurity> security) {
        String listener = security.isPresent() ? "SASL_SSL" : "PLAINTEXT";
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=" + listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + listener + "://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener,
                "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
                "log.dirs=" + workDir.resolve("data").toAbsolutePath(),
                "num.partitions=6",
                // topics are created from their one declaration (topic-plan), never by accident
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.backoff.ms=1000"));
        security.ifPresent(s -> lines.addAll(s.serverProperties()));
        lines.add("");
        return write(workDir.resolve("server.properties"), String.join("\n", lines));
    }

    private static Path writeLogConfig(Path workDir) {
        return write(workDir.resolve("log4j2.properties"), String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                ""));
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("broker.classpath is missing: build the local-stack module with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
