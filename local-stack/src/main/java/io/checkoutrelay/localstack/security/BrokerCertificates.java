package io.checkoutrelay.localstack.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's TLS material, made with {@code keytool} for one run: a self-signed certificate for
 * 127.0.0.1/localhost in a PKCS12 keystore, and a truststore holding that certificate for clients.
 */
public record BrokerCertificates(Path keyStore, String keyStorePassword, TrustStore trustStore) {

    public static BrokerCertificates make(Path dir) {
        try {
            Files.createDirectories(dir);
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            Path keyStore = dir.resolve("broker.keystore.p12");
            Path certificate = dir.resolve("broker.crt");
            Path trustStore = dir.resolve("client.truststore.p12");
            keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password);
            keytool(dir, "-exportcert", "-alias", "broker", "-rfc", "-file", certificate.toString(),
                    "-keystore", keyStore.toString(), "-storepass", password);
            keytool(dir, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
            return new BrokerCertificates(keyStore, password, new TrustStore(trustStore, password));
        } catch (IOException e) {
            throw new IllegalStateException("making the broker's certificates failed: " + e.getMessage(), e);
        }
    }

    private static void keytool(Path dir, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Path log = dir.resolve("keytool.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "BrokerCertificates[" + keyStore + "]";
    }
}
