package io.checkoutrelay.intake.support;

import io.checkoutrelay.localstack.junit.Infrastructure;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension: one intake with the default test settings per test JVM, on the shared broker and
 * registry, so that test classes do not each pay for a Spring context. Use together with
 * {@link RealInfrastructure} and ask for a {@link SharedIntake.Instance} parameter.
 */
public final class SharedIntake implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedIntake.class);

    /** The shared intake and the token keys it encrypts with. */
    public record Instance(RunningIntake intake, String tokenKeys, Infrastructure infra) implements AutoCloseable {
        @Override
        public void close() {
            intake.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Instance.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // RealInfrastructure resolves by type from the root store; the parameter itself is not consulted
        Infrastructure infra = (Infrastructure) new RealInfrastructure().resolveParameter(parameter, context);
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Instance.class, k -> {
            String keys = RunningIntake.newTokenKeys();
            return new Instance(RunningIntake.start(RunningIntake.settings(infra, keys)), keys, infra);
        }, Instance.class);
    }
}
