package io.checkoutrelay.enricher.amazon;

import java.util.Map;

/**
 * Which Login with Amazon host serves a merchant: the per-biller override (merchants with EU or JP
 * Amazon Pay accounts) or the default AMAZON_API_BASE_URL.
 */
public final class AmazonHosts {

    private final String defaultBaseUrl;
    private final Map<Long, String> billerBaseUrls;

    public AmazonHosts(String defaultBaseUrl, Map<Long, String> billerBaseUrls) {
        this.defaultBaseUrl = trimSlash(defaultBaseUrl);
        this.billerBaseUrls = billerBaseUrls == null ? Map.of() : Map.copyOf(billerBaseUrls);
    }

    public String baseUrlFor(long billerId) {
        String override = billerBaseUrls.get(billerId);
        return override == null || override.isBlank() ? defaultBaseUrl : trimSlash(override);
    }

    private static String trimSlash(String url) {
        String trimmed = url.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
