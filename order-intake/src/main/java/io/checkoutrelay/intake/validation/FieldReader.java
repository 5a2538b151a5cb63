package io.checkoutrelay.intake.validation;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed fields out of a JSON tree and records every violation in {@link FieldErrors}. Messages
 * describe the rule, never the submitted value (which may be a credential).
 */
public final class FieldReader {

    public static final long MAX_ID = Integer.MAX_VALUE;

    private final FieldErrors errors;

    public FieldReader(FieldErrors errors) {
        this.errors = errors;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** An object the request must have; null when it is missing or not an object. */
    public JsonNode object(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (absent(node)) {
            errors.add(path, "is required");
            return null;
        }
        if (!node.isObject()) {
            errors.add(path, "must be an object");
            return null;
        }
        return node;
    }

    /** An optional object: empty when absent, an error when present but not an object. */
    public Optional<JsonNode> optionalObject(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (absent(node)) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            errors.add(path, "must be an object");
            return Optional.empty();
        }
        return Optional.of(node);
    }

    /** A positive integer id (1 to 2147483647). */
    public long requiredId(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (absent(node)) {
            errors.add(path, "is required");
            return 0;
        }
        return id(node, path);
    }

    public Long optionalId(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        return absent(node) ? null : id(node, path);
    }

    private long id(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < 1 || node.longValue() > MAX_ID) {
            errors.add(path, "must be an integer from 1 to " + MAX_ID);
            return 0;
        }
        return node.longValue();
    }

    /** A quantity of 1 to 99, 1 when absent. */
    public int quantity(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (absent(node)) {
            return 1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 99) {
            errors.add(path, "must be an integer from 1 to 99");
            return 1;
        }
        return node.intValue();
    }

    /** An optional non-negative decimal string with at most 2 decimals, e.g. "29.95". */
    public BigDecimal price(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (absent(node)) {
            return null;
        }
        if (!node.isString() || !TextRules.PRICE.matcher(node.stringValue()).matches()) {
            errors.add(path, "must be a non-negative decimal string with at most 10 digits and 2 decimals, e.g. \"29.95\"");
            return null;
        }
        return new BigDecimal(node.stringValue()).setScale(2);
    }

    public boolean flag(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            errors.add(path, "must be true or false");
            return false;
        }
        return node.booleanValue();
    }

    /** Printable text of at most {@code max} characters, matching {@code pattern} when one is given. */
    public String text(JsonNode parent, String name, String path, boolean required, int max, Pattern pattern,
                       String shape) {
        JsonNode node = parent.path(name);
        if (absent(node)) {
            if (required) {
                errors.add(path, "is required");
            }
            return null;
        }
        if (!node.isString()) {
            errors.add(path, "must be a string");
            return null;
        }
        String value = node.stringValue();
        if (value.isEmpty() && !required) {
            return null;
        }
        if (value.isEmpty() || TextRules.length(value) > max) {
            errors.add(path, "must have 1 to " + max + " characters");
            return null;
        }
        if (!TextRules.isPrintable(value) || (pattern != null && !pattern.matcher(value).matches())) {
            errors.add(path, "must be " + shape);
            return null;
        }
        return value;
    }

    /** The Login with Amazon access token: "Atza|" then visible ASCII, 20 to 2048 characters. */
    public String accessToken(JsonNode parent, String name, String path) {
        JsonNode node = parent.path(name);
        if (absent(node)) {
            errors.add(path, "is required");
            return null;
        }
        if (!node.isString()) {
            errors.add(path, "must be a string");
            return null;
        }
        String token = node.stringValue();
        if (token.length() < AccessTokenRule.MIN_LENGTH || token.length() > AccessTokenRule.MAX_LENGTH
                || !token.startsWith(AccessTokenRule.PREFIX) || !TextRules.isVisibleAscii(token)) {
            errors.add(path, AccessTokenRule.DESCRIPTION);
            return null;
        }
        return token;
    }

    /** An optional absolute http(s) URL of at most 255 characters. */
    public String url(JsonNode parent, String name, String path) {
        String value = text(parent, name, path, false, 255, null, "printable text");
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(path, "must be an absolute http or https URL");
        return null;
    }

    /** An optional IPv4 or IPv6 address literal (never resolved through DNS). */
    public String ipAddress(JsonNode parent, String name, String path) {
        String value = text(parent, name, path, false, 45, null, "printable text");
        if (value == null) {
            return null;
        }
        if (!isIpLiteral(value)) {
            errors.add(path, "must be an IPv4 or IPv6 address");
            return null;
        }
        return value;
    }

    public static boolean isIpLiteral(String value) {
        if (TextRules.IPV4.matcher(value).matches()) {
            return true;
        }
        if (value.indexOf(':') < 0 || !TextRules.IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(value); // a string with ':' is parsed as an IPv6 literal, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
