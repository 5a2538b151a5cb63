package io.checkoutrelay.importer;

import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes, docker and an operator stop the importer: a normal stop, not a failure.
 * The JVM's own handler runs the shutdown hooks (Spring closes the context: the input loop lets CRM
 * calls in flight answer, records their outcomes and commits) and then exits with 143; this handler
 * runs the same hooks and exits with 0, so a clean stop is not reported as an error.
 */
final class StopSignal {

    private StopSignal() {
    }

    static void exitCleanlyOnTerm() {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // a platform without SIGTERM: the JVM's default handling stays
        }
    }
}
