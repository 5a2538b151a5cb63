package io.checkoutrelay.schemas.token;

import io.checkoutrelay.schemas.EncryptedToken;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and decrypts the buyer's access token as it travels in records (AES-GCM, 96-bit random
 * nonce, 128-bit tag, the checkoutId as additional authenticated data). Decrypted tokens live in
 * memory only; failures never carry the token or a key in their message.
 */
public final class TokenCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final TokenKeyRing keys;
    private final SecureRandom random = new SecureRandom();
    /** A Cipher is not thread-safe and costly to look up (a provider search per call); one per thread, re-initialised per use. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(TokenCipher::newCipher);

    public TokenCipher(TokenKeyRing keys) {
        this.keys = keys;
    }

    public EncryptedToken encrypt(String token, String checkoutId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.currentKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(checkoutId.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return EncryptedToken.newBuilder().setKeyId(keys.currentKeyId())
                    .setIv(ByteBuffer.wrap(nonce)).setCiphertext(ByteBuffer.wrap(ciphertext)).build();
        } catch (GeneralSecurityException e) {
            throw new TokenCipherException("access token could not be encrypted (" + e.getClass().getSimpleName() + ")");
        }
    }

    public String decrypt(EncryptedToken encrypted, String checkoutId) {
        var key = keys.key(encrypted.getKeyId()).orElseThrow(() -> new TokenCipherException(
                "access token of checkout " + checkoutId + " was encrypted with key '" + encrypted.getKeyId()
                        + "', which " + TokenKeyRing.SETTING + " does not hold"));
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes(encrypted.getIv())));
            cipher.updateAAD(checkoutId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes(encrypted.getCiphertext())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new TokenCipherException("access token of checkout " + checkoutId
                    + " failed authentication: altered, moved from another checkout, or wrong key");
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new TokenCipherException("AES/GCM is not available in this JVM (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** A token that cannot be encrypted or decrypted; the message never holds the token or a key. */
    public static final class TokenCipherException extends RuntimeException {
        public TokenCipherException(String message) {
            super(message);
        }
    }
}
