package io.checkoutrelay.importer.crm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may be logged or stored: the CRM password, the consent token of the
 * call, and anything shaped like a Login with Amazon token ({@code Atza|} access, {@code Atzr|} refresh),
 * raw, URL-encoded once or twice, HTML- or JSON-escaped, in any letter case.
 */
public final class Secrets {

    public static final String REDACTED = "[redacted]";
    private static final Pattern AMAZON_TOKEN = Pattern.compile(
            "Atz[ar](\\||%7C|%257C|&#124;|&#x7C;|&vert;|\\\\u007C)[^\\s\"'&<>,}]+", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LENGTH = 2000;

    private Secrets() {
    }

    public static String redact(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : expand(secrets)) {
            clean = clean.replace(secret, REDACTED);
        }
        clean = AMAZON_TOKEN.matcher(clean).replaceAll(REDACTED);
        return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) + "..." : clean;
    }

    private static List<String> expand(List<String> secrets) {
        List<String> all = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                String once = URLEncoder.encode(secret, StandardCharsets.UTF_8);
                all.add(secret);
                all.add(once);
                all.add(URLEncoder.encode(once, StandardCharsets.UTF_8));
            }
        }
        return all;
    }
}
