package io.checkoutrelay.intake.validation;

/**
 * What the intake accepts as a Login with Amazon access token. Amazon documents tokens of 350 to 2048
 * bytes starting with "Atza|"; the minimum is relaxed to 20 characters so the sandbox's short scripted
 * tokens (e.g. "Atza|sandbox-declined-1") pass too, while anything that is not a bearer token (spaces,
 * control characters, non-ASCII) is refused. Amazon's tokeninfo check in the enricher is the real test.
 */
public final class AccessTokenRule {

    public static final String PREFIX = "Atza|";
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 2048;
    public static final String DESCRIPTION = "must be a Login with Amazon access token: \"Atza|\" followed by "
            + "visible ASCII characters, " + MIN_LENGTH + " to " + MAX_LENGTH + " characters in all";

    private AccessTokenRule() {
    }
}
