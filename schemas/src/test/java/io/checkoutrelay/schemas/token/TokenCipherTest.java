package io.checkoutrelay.schemas.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutrelay.schemas.EncryptedToken;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String TOKEN = "Atza|IwEBIExampleTokenForTests-not-a-real-one";
    private static final String CHECKOUT = "9f1d2c3b-4a5e-5f60-8172-93a4b5c6d7e8";

    @Test
    void roundTripsAndNeverHoldsThePlainToken() {
        TokenCipher cipher = new TokenCipher(TokenKeyRing.parse("k1:" + KEY_A));

        EncryptedToken encrypted = cipher.encrypt(TOKEN, CHECKOUT);

        assertThat(encrypted.getKeyId()).isEqualTo("k1");
        assertThat(encrypted.getIv().remaining()).isEqualTo(12);
        assertThat(new String(bytes(encrypted.getCiphertext()), StandardCharsets.ISO_8859_1)).doesNotContain("Atza");
        assertThat(encrypted.toString()).doesNotContain(TOKEN).doesNotContain("Atza");
        assertThat(cipher.decrypt(encrypted, CHECKOUT)).isEqualTo(TOKEN);
    }

    @Test
    void threadsEncryptingAndDecryptingAtOnceEachGetTheirOwnTokenBack() throws Exception {
        TokenCipher cipher = new TokenCipher(TokenKeyRing.parse("k1:" + KEY_A));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 64; i++) {
                String token = TOKEN + "-" + i;
                String checkout = CHECKOUT + "-" + i;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        // a decryption failure after a failed one must not poison the thread's cipher
                        assertThatThrownBy(() -> cipher.decrypt(cipher.encrypt(token, checkout), "other"))
                                .isInstanceOf(TokenCipher.TokenCipherException.class);
                        if (!cipher.decrypt(cipher.encrypt(token, checkout), checkout).equals(token)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        TokenCipher cipher = new TokenCipher(TokenKeyRing.parse("k1:" + KEY_A));
        assertThat(cipher.encrypt(TOKEN, CHECKOUT).getIv()).isNotEqualTo(cipher.encrypt(TOKEN, CHECKOUT).getIv());
    }

    @Test
    void aTokenMovedToAnotherCheckoutOrAlteredIsRejectedWithoutShowingIt() {
        TokenCipher cipher = new TokenCipher(TokenKeyRing.parse("k1:" + KEY_A));
        EncryptedToken encrypted = cipher.encrypt(TOKEN, CHECKOUT);

        assertThatThrownBy(() -> cipher.decrypt(encrypted, "another-checkout"))
                .isInstanceOf(TokenCipher.TokenCipherException.class)
                .hasMessageContaining("another-checkout").hasMessageNotContaining("Atza");

        byte[] tampered = bytes(encrypted.getCiphertext());
        tampered[0] ^= 1;
        EncryptedToken altered = EncryptedToken.newBuilder(encrypted).setCiphertext(ByteBuffer.wrap(tampered)).build();
        assertThatThrownBy(() -> cipher.decrypt(altered, CHECKOUT)).isInstanceOf(TokenCipher.TokenCipherException.class);
    }

    @Test
    void rotatedKeysStillDecryptOldRecordsAndTheFirstKeyEncrypts() {
        EncryptedToken old = new TokenCipher(TokenKeyRing.parse("old:" + KEY_A)).encrypt(TOKEN, CHECKOUT);
        TokenCipher rotated = new TokenCipher(TokenKeyRing.parse("new:" + KEY_B + ",old:" + KEY_A));

        assertThat(rotated.decrypt(old, CHECKOUT)).isEqualTo(TOKEN);
        assertThat(rotated.encrypt(TOKEN, CHECKOUT).getKeyId()).isEqualTo("new");

        TokenCipher withoutOld = new TokenCipher(TokenKeyRing.parse("new:" + KEY_B));
        assertThatThrownBy(() -> withoutOld.decrypt(old, CHECKOUT))
                .hasMessageContaining("key 'old'").hasMessageContaining("RELAY_TOKEN_KEYS");
    }

    @Test
    void badSettingsAreNamedWithoutEchoingKeys() {
        assertThatThrownBy(() -> TokenKeyRing.parse(""))
                .hasMessageContaining("RELAY_TOKEN_KEYS is required");
        assertThatThrownBy(() -> TokenKeyRing.parse("nokey"))
                .hasMessageContaining("entry 1 is not of the form id:base64key");
        assertThatThrownBy(() -> TokenKeyRing.parse("k1:%%%secret%%%"))
                .hasMessageContaining("key 'k1' is not valid base64").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> TokenKeyRing.parse("k1:" + Base64.getEncoder().encodeToString(new byte[7])))
                .hasMessageContaining("has 7 bytes");
        assertThatThrownBy(() -> TokenKeyRing.parse("k1:" + KEY_A + ",k1:" + KEY_B))
                .hasMessageContaining("names key id 'k1' twice");
        assertThat(TokenKeyRing.parse("k1:" + KEY_A).toString()).doesNotContain(KEY_A);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
