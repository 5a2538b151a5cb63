package io.checkoutrelay.localstack.system;

import io.checkoutrelay.localstack.DevSettings;
import io.checkoutrelay.localstack.JvmLaunch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between the runs of the whole system (the local run, the system tests, the bench).
 *
 * @param repositoryRoot     where the modules' built jars are ({@code <module>/target/<module>-<version>.jar})
 * @param workDir            one directory per part below it, each with the part's log file ({@code kafka/kafka.log},
 *                           {@code order-intake/order-intake.log}, ...)
 * @param ports              loopback ports of every part
 * @param tokenKeyId         key id of the random RELAY_TOKEN_KEYS made for this run
 * @param serviceJvmFlags    JVM flags of the three services
 * @param serviceEnvironment added to (or replacing) DevSettings' environment of the three services
 * @param sandboxJvmFlags    JVM flags of the sandbox
 * @param sandboxEnvironment added to (or replacing) the sandbox's credentials
 * @param readyTimeout       how long the sandbox and each service may take to answer its health check
 * @param infrastructureOnly only the broker and the registry
 * @param skipUnbuilt        a module that has no built jar is left out with a message, instead of failing the start
 * @param provisionTopics    create every declared topic (one partition layout for the single local broker) before
 *                           the services start, as the topics command does before a deployment; off for a test of
 *                           services started before their topics exist ({@link WholeSystem#provisionTopics()} later)
 * @param perServiceJvmFlags JVM flags of one service in place of {@code serviceJvmFlags} (e.g. C1 only for one of them)
 * @param perServiceEnvironment settings only one service gets, after {@code serviceEnvironment} (e.g. its own
 *                           {@code MANAGEMENT_SERVER_PORT})
 * @param securedBroker      the broker's client listener is SASL_SSL (SCRAM-SHA-512, certificates made for the run)
 *                           with the standard authorizer; each service gets its own principal and ACLs on only its
 *                           own topics and group, given to it as Spring Boot's {@code SPRING_KAFKA_*} settings
 */
public record SystemOptions(Path repositoryRoot, Path workDir, SystemPorts ports, String tokenKeyId,
                            List<String> serviceJvmFlags, Map<String, String> serviceEnvironment,
                            List<String> sandboxJvmFlags, Map<String, String> sandboxEnvironment,
                            Duration readyTimeout, boolean infrastructureOnly, boolean skipUnbuilt,
                            boolean provisionTopics, boolean securedBroker,
                            Map<String, List<String>> perServiceJvmFlags,
                            Map<String, Map<String, String>> perServiceEnvironment) {

    public SystemOptions {
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(ports, "ports");
        if (!tokenKeyId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("token key id may hold only letters, digits, '.', '_' and '-', not '"
                    + tokenKeyId + "'");
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new IllegalArgumentException("ready timeout must be positive, not " + readyTimeout);
        }
        serviceJvmFlags = List.copyOf(serviceJvmFlags);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
        sandboxJvmFlags = List.copyOf(sandboxJvmFlags);
        sandboxEnvironment = Map.copyOf(sandboxEnvironment);
        perServiceJvmFlags = Map.copyOf(perServiceJvmFlags);
        perServiceEnvironment = Map.copyOf(perServiceEnvironment);
        for (String service : perServiceJvmFlags.keySet()) {
            requireService(service);
        }
        for (String service : perServiceEnvironment.keySet()) {
            requireService(service);
        }
    }

    private static void requireService(String service) {
        if (!WholeSystem.SERVICES.contains(service)) {
            throw new IllegalArgumentException("'" + service + "' is not a service; the services are " + WholeSystem.SERVICES);
        }
    }

    /** The JVM flags this service runs with: its own, else the services' common ones. */
    public List<String> serviceJvmFlags(String service) {
        return perServiceJvmFlags.getOrDefault(service, serviceJvmFlags);
    }

    /** Free ports, default JVM flags, DevSettings' environment, 120 s to get ready, every module required. */
    public static Builder builder(Path repositoryRoot, Path workDir) {
        return new Builder(repositoryRoot, workDir);
    }

    /** The sandbox's whole environment: the credentials the services use, then this run's settings. */
    Map<String, String> sandboxSettings() {
        Map<String, String> env = new LinkedHashMap<>(DevSettings.sandboxEnvironment());
        env.putAll(sandboxEnvironment);
        return env;
    }

    public static final class Builder {
        private final Path repositoryRoot;
        private final Path workDir;
        private SystemPorts ports;
        private String tokenKeyId = "local-run";
        private List<String> serviceJvmFlags = JvmLaunch.DEFAULT_JVM_FLAGS;
        private final Map<String, String> serviceEnvironment = new LinkedHashMap<>();
        private List<String> sandboxJvmFlags = JvmLaunch.DEFAULT_JVM_FLAGS;
        private final Map<String, String> sandboxEnvironment = new LinkedHashMap<>();
        private Duration readyTimeout = JvmLaunch.DEFAULT_READY_TIMEOUT;
        private boolean infrastructureOnly;
        private boolean skipUnbuilt;
        private boolean provisionTopics = true;
        private boolean securedBroker;
        private final Map<String, List<String>> perServiceJvmFlags = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> perServiceEnvironment = new LinkedHashMap<>();

        private Builder(Path repositoryRoot, Path workDir) {
            this.repositoryRoot = repositoryRoot;
            this.workDir = workDir;
        }

        public Builder ports(SystemPorts ports) {
            this.ports = ports;
            return this;
        }

        public Builder tokenKeyId(String tokenKeyId) {
            this.tokenKeyId = tokenKeyId;
            return this;
        }

        public Builder serviceJvmFlags(List<String> flags) {
            this.serviceJvmFlags = flags;
            return this;
        }

        /** JVM flags of one service in place of the common {@link #serviceJvmFlags}. */
        public Builder serviceJvmFlags(String service, List<String> flags) {
            perServiceJvmFlags.put(service, List.copyOf(flags));
            return this;
        }

        /** A setting only this service gets, e.g. its own {@code MANAGEMENT_SERVER_PORT}. */
        public Builder serviceSetting(String service, String name, String value) {
            perServiceEnvironment.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** One setting of the three services, e.g. {@code INTAKE_RATELIMIT_ENABLED=false}. */
        public Builder serviceSetting(String name, String value) {
            serviceEnvironment.put(name, value);
            return this;
        }

        public Builder serviceEnvironment(Map<String, String> environment) {
            serviceEnvironment.putAll(environment);
            return this;
        }

        /** The services' LOG_FORMAT: {@code json} as the Helm chart runs them, or {@code text}. */
        public Builder logFormat(String format) {
            if (!format.equals("json") && !format.equals("text")) {
                throw new IllegalArgumentException("log format is 'json' or 'text', not '" + format + "'");
            }
            return serviceSetting("LOG_FORMAT", format);
        }

        public Builder sandboxJvmFlags(List<String> flags) {
            this.sandboxJvmFlags = flags;
            return this;
        }

        /** One setting of the sandbox (see sandbox/README.md), e.g. {@code SANDBOX_CRM_TIMEOUTDELAY=8s}. */
        public Builder sandboxSetting(String name, String value) {
            sandboxEnvironment.put(name, value);
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public Builder infrastructureOnly(boolean infrastructureOnly) {
            this.infrastructureOnly = infrastructureOnly;
            return this;
        }

        public Builder skipUnbuilt(boolean skipUnbuilt) {
            this.skipUnbuilt = skipUnbuilt;
            return this;
        }

        public Builder provisionTopics(boolean provisionTopics) {
            this.provisionTopics = provisionTopics;
            return this;
        }

        public Builder securedBroker(boolean securedBroker) {
            this.securedBroker = securedBroker;
            return this;
        }

        public SystemOptions build() {
            return new SystemOptions(repositoryRoot, workDir, ports != null ? ports : SystemPorts.free(), tokenKeyId,
                    serviceJvmFlags, serviceEnvironment, sandboxJvmFlags, sandboxEnvironment, readyTimeout,
                    infrastructureOnly, skipUnbuilt, provisionTopics, securedBroker, perServiceJvmFlags,
                    perServiceEnvironment.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                            Map.Entry::getKey, e -> Map.copyOf(e.getValue()))));
        }
    }
}
