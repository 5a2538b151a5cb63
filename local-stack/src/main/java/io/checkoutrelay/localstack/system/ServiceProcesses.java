package io.checkoutrelay.localstack.system;

import io.checkoutrelay.localstack.BootJar;
import io.checkoutrelay.localstack.JvmLaunch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The three service JVMs: each started on its own port with the base settings plus any extra ones,
 * stopped and started again as a pod would be. Start-up times of each first start are kept.
 */
final class ServiceProcesses {

    private final SystemOptions options;
    private final Map<String, String> baseEnvironment;
    private final Map<String, Map<String, String>> ownEnvironments;
    private final Map<String, BootJar> running = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> extraSettings = new HashMap<>();
    private final Map<String, Duration> firstStartups = new LinkedHashMap<>();

    /** {@code ownEnvironments}: per service, settings only it gets (its own Kafka principal on a secured broker). */
    ServiceProcesses(SystemOptions options, Map<String, String> baseEnvironment,
                     Map<String, Map<String, String>> ownEnvironments) {
        this.options = options;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.ownEnvironments = Map.copyOf(ownEnvironments);
    }

    /** Starts (or restarts) a service on its port with the base settings plus {@code extraSettings}. */
    synchronized BootJar start(String service, Map<String, String> extra) {
        int port = options.ports().service(service);
        stop(service);
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.putAll(ownEnvironments.getOrDefault(service, Map.of()));
        env.putAll(options.perServiceEnvironment().getOrDefault(service, Map.of()));
        env.putAll(extra);
        JvmLaunch launch = JvmLaunch.service(service, BuiltJars.required(options.repositoryRoot(), service),
                options.serviceJvmFlags(service), options.readyTimeout());
        BootJar started = BootJar.start(launch, port, env, logDirectory(service));
        running.put(service, started);
        extraSettings.put(service, Map.copyOf(extra));
        firstStartups.putIfAbsent(service, started.startup());
        return started;
    }

    /** Starts the service with these extra settings unless it already runs with exactly them; true if (re)started. */
    synchronized boolean ensure(String service, Map<String, String> extra) {
        if (running.containsKey(service) && extra.equals(extraSettings.get(service))) {
            return false;
        }
        start(service, extra);
        return true;
    }

    /** SIGTERM, then SIGKILL after ManagedProcess's grace period; nothing when it does not run. */
    synchronized void stop(String service) {
        BootJar stopped = remove(service);
        if (stopped != null) {
            stopped.close();
        }
    }

    /** SIGTERM, waiting up to {@code grace}: the exit code, or empty when it had to be SIGKILLed. */
    OptionalInt terminate(String service, Duration grace) {
        return runningOrFail(service, true).process().terminate(grace);
    }

    /** SIGKILL, as a crash or an OOM kill would: no shutdown hooks, nothing flushed. */
    void kill(String service) {
        runningOrFail(service, true).process().kill();
    }

    synchronized BootJar get(String service) {
        return runningOrFail(service, false);
    }

    synchronized boolean isRunning(String service) {
        return running.containsKey(service);
    }

    synchronized Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        running.forEach((name, jvm) -> pids.put(name, jvm.pid()));
        return pids;
    }

    synchronized Map<String, Duration> firstStartups() {
        return new LinkedHashMap<>(firstStartups);
    }

    Path logDirectory(String service) {
        return options.workDir().resolve(service);
    }

    /** Everything that runs, taken out of this set for the caller to stop. */
    synchronized List<AutoCloseable> removeAll() {
        List<AutoCloseable> all = new ArrayList<>(running.values());
        running.clear();
        extraSettings.clear();
        return all;
    }

    private synchronized BootJar runningOrFail(String service, boolean remove) {
        BootJar found = remove ? remove(service) : running.get(service);
        if (found == null) {
            options.ports().service(service);
            throw new IllegalStateException(service + " is not running");
        }
        return found;
    }

    private BootJar remove(String service) {
        extraSettings.remove(service);
        return running.remove(service);
    }
}
