package io.checkoutrelay.schemas.token;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token-encryption keys from RELAY_TOKEN_KEYS: {@code id:base64key[,id:base64key...]}. The first
 * key encrypts; every key decrypts the records written with it, so keys can rotate. Error messages
 * name the setting and the entry, never a key.
 */
public final class TokenKeyRing {

    public static final String SETTING = "RELAY_TOKEN_KEYS";

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;

    private TokenKeyRing(String currentKeyId, Map<String, SecretKey> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    public static TokenKeyRing parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException(SETTING + " is required: id:base64key[,id:base64key...], "
                    + "with 128-, 192- or 256-bit AES keys; the first one encrypts");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String[] entries = setting.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(SETTING + " entry " + (i + 1) + " is not of the form id:base64key");
            }
            String id = entry.substring(0, colon);
            if (keys.containsKey(id)) {
                throw new IllegalArgumentException(SETTING + " names key id '" + id + "' twice");
            }
            keys.put(id, aesKey(id, entry.substring(colon + 1)));
        }
        return new TokenKeyRing(keys.keySet().iterator().next(), Map.copyOf(keys));
    }

    String currentKeyId() {
        return currentKeyId;
    }

    SecretKey currentKey() {
        return keys.get(currentKeyId);
    }

    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    private static SecretKey aesKey(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SETTING + " key '" + id + "' is not valid base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalArgumentException(SETTING + " key '" + id + "' has " + bytes.length
                    + " bytes; an AES key has 16, 24 or 32");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String toString() {
        return "TokenKeyRing[current=" + currentKeyId + ", ids=" + keys.keySet() + "]";
    }
}
