package io.checkoutrelay.sandbox.amazon;

/**
 * The behaviour an access token asks for through marker words anywhere in its text
 * (e.g. {@code Atza|amazon-503-abc}).
 */
public record TokenMarkers(
        boolean audMismatch,
        boolean expired,
        boolean revoked,
        boolean forbidden,
        boolean unavailable,
        boolean throttled,
        boolean slow,
        boolean flaky,
        String name) {

    public static final String DEFAULT_NAME = "Jane Q Doe";
    public static final String LONG_NAME = "Bartholomew Maximilian Theodore Fitzgerald-Worthington Smith";

    public static TokenMarkers of(String token) {
        return new TokenMarkers(
                token.contains("aud-mismatch"),
                token.contains("expired"),
                token.contains("revoked"),
                token.contains("amazon-403"),
                token.contains("amazon-503"),
                token.contains("amazon-429"),
                token.contains("amazon-slow"),
                token.contains("amazon-flaky"),
                nameFor(token));
    }

    private static String nameFor(String token) {
        if (token.contains("name-oneword")) {
            return "Cher";
        }
        if (token.contains("name-empty")) {
            return "";
        }
        if (token.contains("name-spaces")) {
            return "  Mary   Ann  van der Berg ";
        }
        if (token.contains("name-cjk")) {
            return "山田 太郎";
        }
        if (token.contains("name-long")) {
            return LONG_NAME;
        }
        return DEFAULT_NAME;
    }
}
