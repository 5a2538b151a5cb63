package io.checkoutrelay.enricher.amazon;

/** The two Login with Amazon endpoints the enricher calls; the name is the metric tag. */
public enum AmazonEndpoint {
    TOKENINFO("tokeninfo", "/auth/o2/tokeninfo"),
    PROFILE("profile", "/user/profile");

    private final String tag;
    private final String path;

    AmazonEndpoint(String tag, String path) {
        this.tag = tag;
        this.path = path;
    }

    public String tag() {
        return tag;
    }

    public String path() {
        return path;
    }
}
