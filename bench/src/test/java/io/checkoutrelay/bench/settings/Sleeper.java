package io.checkoutrelay.bench.settings;

/** A JVM that only waits, for reading its flags back. */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(120_000);
    }
}
