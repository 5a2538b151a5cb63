package io.checkoutrelay.bench.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads back from each running process what the bench gave it, and stops the run on any difference:
 * each environment variable must have arrived ({@code /proc/<pid>/environ}) and, when it is meant for a
 * Spring property, be bound to that property ({@link ActuatorSettings}); each JVM flag must be in force
 * ({@link JvmFlags}). Everything read is kept for the results.
 */
public final class SettingsCheck {

    private final List<ReadBack> all = new CopyOnWriteArrayList<>();

    /** Checks one process; throws {@link SettingsMismatch} naming every difference. */
    public List<ReadBack> verify(String process, long pid, String managementUrl, List<ExpectedSetting> settings,
                                 List<String> jvmFlags) {
        List<ReadBack> readBacks = new ArrayList<>();
        Map<String, String> environment = ProcessEnvironment.of(pid);
        ActuatorSettings actuator = managementUrl == null ? null : new ActuatorSettings(managementUrl);
        for (ExpectedSetting setting : settings) {
            readBacks.add(new ReadBack(process, setting.env(), setting.value(),
                    environment.getOrDefault(setting.env(), "(not in its environment)"), "/proc/" + pid + "/environ"));
            if (setting.property() != null) {
                if (actuator == null) {
                    throw new IllegalArgumentException(process + " has no management port to read "
                            + setting.property() + " back from");
                }
                readBacks.add(actuator.read(setting.property())
                        .map(found -> new ReadBack(process, setting.property() + " (" + setting.env() + ")",
                                setting.value(), found.value(), found.origin()))
                        .orElseGet(() -> new ReadBack(process, setting.property() + " (" + setting.env() + ")",
                                setting.value(), "(not bound)", "configprops and env of " + managementUrl)));
            }
        }
        if (!jvmFlags.isEmpty()) {
            readBacks.addAll(JvmFlags.readBack(process, pid, jvmFlags));
        }
        List<ReadBack> wrong = readBacks.stream().filter(r -> !r.matches()).toList();
        if (!wrong.isEmpty()) {
            throw new SettingsMismatch(wrong);
        }
        all.addAll(readBacks);
        System.out.println("  settings read back from " + process + ": " + readBacks.size() + " match");
        return readBacks;
    }

    /** Everything read back so far, in order. */
    public List<ReadBack> all() {
        return List.copyOf(all);
    }
}
