package io.checkoutrelay.importer.crm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may be logged or stored: the CRM password, the consent token of the
 * call, and anything shaped like a Login with Amazon access token, raw or URL-encoded.
 */
public final class Secrets {

    public static final String REDACTED = "[redacted]";
    private static final Pattern AMAZON_TOKEN = Pattern.compile("Atza(\\||%7C)[^\\s\"'&<>,}]+",
            Pattern.CASE_INSENSITIVE);
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
                all.add(secret);
                all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            }
        }
        return all;
    }
}
