package io.checkoutrelay.localstack.security;

import java.nio.file.Path;

/** A PKCS12 truststore holding the broker's certificate, made at test time. */
public record TrustStore(Path path, String password) {

    public static final String TYPE = "PKCS12";

    @Override
    public String toString() {
        return "TrustStore[" + path + "]";
    }
}
