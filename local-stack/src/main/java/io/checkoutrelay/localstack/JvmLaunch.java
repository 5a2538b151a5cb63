package io.checkoutrelay.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a Spring Boot application is launched in a child JVM and when it counts as ready.
 *
 * @param name         the process's name, also its log file's ({@code name.log})
 * @param jvmFlags     what goes before the launch, e.g. {@code -Xmx384m}
 * @param launch       what follows the JVM flags: {@code -jar x.jar} or {@code -cp ... MainClass}
 * @param healthPath   ready when a GET on this path answers 200
 * @param readyTimeout how long it may take to get there
 */
public record JvmLaunch(String name, List<String> jvmFlags, List<String> launch, String healthPath,
                        Duration readyTimeout) {

    /** As local-stack and the system tests run the services (the images have their own: image.java-tool-options in the root pom). */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseG1GC");
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

    public JvmLaunch {
        Objects.requireNonNull(name, "name");
        jvmFlags = List.copyOf(jvmFlags);
        launch = List.copyOf(launch);
        if (!healthPath.startsWith("/")) {
            throw new IllegalArgumentException("health path must start with '/', not '" + healthPath + "'");
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("ready timeout of " + name + " must be positive, not " + readyTimeout);
        }
    }

    /** An executable jar with the default flags, ready when {@code /actuator/health} answers 200. */
    public static JvmLaunch bootJar(String name, Path jar) {
        return bootJar(name, jar, DEFAULT_JVM_FLAGS, DEFAULT_READY_TIMEOUT);
    }

    public static JvmLaunch bootJar(String name, Path jar, List<String> jvmFlags, Duration readyTimeout) {
        return new JvmLaunch(name, jvmFlags, List.of("-jar", jar.toAbsolutePath().toString()), "/actuator/health",
                readyTimeout);
    }

    /**
     * A service of the pipeline, started once its {@code liveness} group answers 200. Its readiness follows
     * when it consumes: a service started before the topics it reads exist waits for them, not ready, so
     * the services can start in any order.
     */
    public static JvmLaunch service(String name, Path jar, List<String> jvmFlags, Duration readyTimeout) {
        return new JvmLaunch(name, jvmFlags, List.of("-jar", jar.toAbsolutePath().toString()),
                "/actuator/health/liveness", readyTimeout);
    }

    /** A main class from a classpath, e.g. an application that lives in a test or bench module. */
    public static JvmLaunch mainClass(String name, List<String> jvmFlags, String classpath, String mainClass,
                                      String healthPath) {
        return new JvmLaunch(name, jvmFlags, List.of("-cp", classpath, mainClass), healthPath, DEFAULT_READY_TIMEOUT);
    }

    List<String> command() {
        return Java.command(jvmFlags, launch);
    }
}
