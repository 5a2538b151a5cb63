package io.checkoutrelay.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs, run by the same Java installation as this one. */
public final class Java {

    private Java() {
    }

    /** The {@code java} launcher of the running JVM, for child JVMs. */
    public static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> command(List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(jvmOptions);
        command.addAll(arguments);
        return command;
    }
}
