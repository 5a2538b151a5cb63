package io.checkoutrelay.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Debian's /usr/bin/python3 with python3-confluent-kafka and python3-avro, which downstream consumers in Python use. */
final class DebianPython {

    static final String PYTHON = "/usr/bin/python3";

    private DebianPython() {
    }

    /** CI installs the packages and sets RELAY_CI=1: there they must be present; elsewhere the test is skipped saying why. */
    static void requireConfluentClient() throws Exception {
        boolean available;
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka, avro").start();
            available = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (java.io.IOException noPython) {
            available = false;
        }
        String hint = "needs Debian's python3-confluent-kafka and python3-avro (.ci/run installs them)";
        if ("1".equals(System.getenv("RELAY_CI"))) {
            assertThat(available).as(hint).isTrue();
        } else {
            Assumptions.assumeTrue(available, hint);
        }
    }
}
