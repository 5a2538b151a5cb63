package io.checkoutrelay.intake.web;

import jakarta.servlet.http.HttpServletRequest;

/** The Origin header worth recording with a checkout: short visible ASCII, else nothing. */
public final class LanderOrigin {

    private LanderOrigin() {
    }

    public static String of(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isEmpty() || origin.length() > 255 || "null".equals(origin)) {
            return null;
        }
        for (int i = 0; i < origin.length(); i++) {
            if (origin.charAt(i) < 0x21 || origin.charAt(i) > 0x7E) {
                return null;
            }
        }
        return origin;
    }
}
