package io.checkoutrelay.bench.settings;

/** One setting as the running process reported it: where the bench looked and what it found. */
public record ReadBack(String process, String setting, String expected, String found, String where) {

    public boolean matches() {
        return expected.equals(found);
    }
}
