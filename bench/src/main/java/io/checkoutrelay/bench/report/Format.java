package io.checkoutrelay.bench.report;

import java.time.Duration;
import java.util.Locale;

/** Number formatting for the results file. */
final class Format {

    private Format() {
    }

    static String f0(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String f1(double value) {
        return String.format(Locale.ROOT, "%,.1f", value);
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String percent(double part, double whole) {
        return whole > 0 ? String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole) : "n/a";
    }

    static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
