package io.checkoutrelay.sandbox.amazon;

import java.util.HexFormat;

import io.checkoutrelay.sandbox.admin.Redaction;

/** The Amazon account behind a token: the same token always gives the same user id and email. */
public record BuyerIdentity(String userId, String email) {

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int ID_LENGTH = 28;

    public static BuyerIdentity of(String token) {
        byte[] digest = Redaction.sha256(token);
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt((digest[i] & 0xff) % ID_ALPHABET.length()));
        }
        String email = "buyer-" + HexFormat.of().formatHex(digest, 0, 6) + "@example.com";
        return new BuyerIdentity("amzn1.account." + id, email);
    }
}
