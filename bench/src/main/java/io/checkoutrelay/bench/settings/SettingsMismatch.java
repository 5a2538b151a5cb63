package io.checkoutrelay.bench.settings;

import java.util.List;
import java.util.stream.Collectors;

/** A process does not run with what the bench gave it: the run stops, every difference named. */
public final class SettingsMismatch extends IllegalStateException {

    private final transient List<ReadBack> mismatches;

    public SettingsMismatch(List<ReadBack> mismatches) {
        super(mismatches.stream().map(m -> m.process() + ": " + m.setting() + " should be '" + m.expected()
                        + "' but the running process has '" + m.found() + "' (" + m.where() + ")")
                .collect(Collectors.joining("; ", "settings not in force, the run would not measure what it says: ",
                        ". Check the environment variable's name (Spring's form of a.b-c.d is A_BC_D) and the property "
                                + "it should bind to.")));
        this.mismatches = List.copyOf(mismatches);
    }

    public List<ReadBack> mismatches() {
        return mismatches;
    }
}
