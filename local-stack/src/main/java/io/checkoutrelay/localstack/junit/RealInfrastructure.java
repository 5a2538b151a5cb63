package io.checkoutrelay.localstack.junit;

import io.checkoutrelay.localstack.ApicurioRegistry;
import io.checkoutrelay.localstack.FreePort;
import io.checkoutrelay.localstack.KafkaBroker;
import io.checkoutrelay.schemas.topic.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension: one real Kafka broker and one real Apicurio Registry per test JVM, started on
 * free loopback ports the first time a test asks for {@link Infrastructure}, stopped when the JVM's
 * tests are done. Every declared topic exists on the broker ({@link TopicProvisioner#provisionLocally},
 * as the local run and the topics command create them).
 *
 * <pre>{@code @ExtendWith(RealInfrastructure.class)
 * class MyTest { @Test void t(Infrastructure infra) { ... infra.bootstrapServers() ... } }}</pre>
 */
public final class RealInfrastructure implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealInfrastructure.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Infrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, k -> Running.start(), Running.class).infrastructure();
    }

    /** The started processes; closed by JUnit when the root context closes. */
    static final class Running implements AutoCloseable {
        private final KafkaBroker broker;
        private final ApicurioRegistry registry;

        private Running(KafkaBroker broker, ApicurioRegistry registry) {
            this.broker = broker;
            this.registry = registry;
        }

        static Running start() {
            Path workDir = tempDir();
            CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(
                    () -> KafkaBroker.start(workDir.resolve("kafka"), FreePort.pick(), FreePort.pick()));
            CompletableFuture<ApicurioRegistry> registry = CompletableFuture.supplyAsync(
                    () -> ApicurioRegistry.start(workDir.resolve("registry"), FreePort.pick()));
            KafkaBroker started = broker.join();
            TopicProvisioner.provisionLocally(started.adminConfigs());
            return new Running(started, registry.join());
        }

        Infrastructure infrastructure() {
            return new Infrastructure(broker, registry);
        }

        @Override
        public void close() {
            registry.close();
            broker.close();
        }

        private static Path tempDir() {
            try {
                return Files.createTempDirectory("checkout-relay-infra-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
