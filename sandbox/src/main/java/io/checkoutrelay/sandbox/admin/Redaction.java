package io.checkoutrelay.sandbox.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Hides secrets before anything is kept for read-back: {@code password} becomes {@code ***}, every
 * access token becomes {@code sha256:<hex of its UTF-8 bytes>} so tests can still tell which token
 * was sent.
 */
public final class Redaction {

    public static final String HIDDEN = "***";

    private static final Set<String> SECRET_KEYS = Set.of("password");
    private static final Set<String> TOKEN_KEYS = Set.of("amazonaddressconsent", "access_token", "accesstoken",
            "authorization");

    private Redaction() {
    }

    public static Map<String, String> redact(Map<String, String> params) {
        Map<String, String> redacted = new LinkedHashMap<>();
        params.forEach((key, value) -> redacted.put(key, redactValue(key, value)));
        return redacted;
    }

    public static String redactValue(String key, String value) {
        if (value == null) {
            return null;
        }
        String lowerKey = key.toLowerCase(java.util.Locale.ROOT);
        if (SECRET_KEYS.contains(lowerKey)) {
            return HIDDEN;
        }
        if (TOKEN_KEYS.contains(lowerKey) || value.startsWith("Atza|") || value.startsWith("Bearer ")) {
            return fingerprint(value);
        }
        return value;
    }

    /** {@code sha256:<lowercase hex>} of the UTF-8 bytes of the value. */
    public static String fingerprint(String value) {
        return "sha256:" + HexFormat.of().formatHex(sha256(value));
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
