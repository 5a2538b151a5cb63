package io.checkoutrelay.localstack.system;

import io.checkoutrelay.localstack.BootJar;
import java.nio.file.Path;

/** The executable jars the modules build, found under the repository root. */
final class BuiltJars {

    private BuiltJars() {
    }

    static Path required(Path repositoryRoot, String module) {
        return BootJar.builtJar(repositoryRoot, module).orElseThrow(() -> new IllegalStateException(
                module + " has no built jar under " + repositoryRoot.resolve(module).resolve("target")
                        + ": build the modules first (./mvnw -B package -DskipTests)"));
    }

    static boolean isBuilt(Path repositoryRoot, String module) {
        return BootJar.builtJar(repositoryRoot, module).isPresent();
    }
}
