package io.checkoutrelay.localstack.system;

import io.checkoutrelay.localstack.ApicurioRegistry;
import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.JvmLaunch;
import io.checkoutrelay.localstack.KafkaBroker;
import io.checkoutrelay.localstack.security.BrokerSecurity;
import io.checkoutrelay.localstack.security.ServiceAcls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the services need around them: the broker, the registry and the sandbox (Amazon and
 * CheckoutChamp stand-ins), started side by side. The sandbox is absent in an infrastructure-only
 * run, or when it is not built and the options allow that.
 */
record SupportingProcesses(KafkaBroker broker, ApicurioRegistry registry, Optional<BootJar> sandbox) {

    static SupportingProcesses start(SystemOptions options) {
        SystemPorts ports = options.ports();
        Path workDir = options.workDir();
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> options.securedBroker()
                ? KafkaBroker.startSecured(workDir.resolve("kafka"), ports.kafka(), ports.kafkaController(),
                        BrokerSecurity.make(workDir.resolve("kafka-tls"), ServiceAcls.SERVICES))
                : KafkaBroker.start(workDir.resolve("kafka"), ports.kafka(), ports.kafkaController()));
        CompletableFuture<ApicurioRegistry> registry = CompletableFuture.supplyAsync(
                () -> ApicurioRegistry.start(workDir.resolve("registry"), ports.registry()));
        CompletableFuture<Optional<BootJar>> sandbox = CompletableFuture.supplyAsync(() -> startSandbox(options));
        try {
            return new SupportingProcesses(broker.join(), registry.join(), sandbox.join());
        } catch (CompletionException e) {
            // whatever did start must not outlive a failed start
            broker.thenAccept(WholeSystem::stopQuietly);
            registry.thenAccept(WholeSystem::stopQuietly);
            sandbox.thenAccept(started -> started.ifPresent(WholeSystem::stopQuietly));
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Optional<BootJar> startSandbox(SystemOptions options) {
        if (options.infrastructureOnly()) {
            return Optional.empty();
        }
        Path root = options.repositoryRoot();
        if (options.skipUnbuilt() && !BuiltJars.isBuilt(root, "sandbox")) {
            System.out.println("sandbox not built (./mvnw package -DskipTests): skipped");
            return Optional.empty();
        }
        JvmLaunch launch = JvmLaunch.bootJar("sandbox", BuiltJars.required(root, "sandbox"),
                options.sandboxJvmFlags(), options.readyTimeout());
        return Optional.of(BootJar.start(launch, options.ports().sandbox(), options.sandboxSettings(),
                options.workDir().resolve("sandbox")));
    }

    SupportingProcesses withBroker(KafkaBroker restarted) {
        return new SupportingProcesses(restarted, registry, sandbox);
    }

    /** Sandbox, registry, broker: the order to stop them in, after the services. */
    List<AutoCloseable> all() {
        List<AutoCloseable> all = new ArrayList<>();
        sandbox.ifPresent(all::add);
        all.add(registry);
        all.add(broker);
        return all;
    }
}
