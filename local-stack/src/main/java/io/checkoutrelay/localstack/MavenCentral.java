package io.checkoutrelay.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches one artifact file from Maven Central into the local Maven repository, checked against its
 * published SHA-1. Used for the Apicurio Registry distribution, whose missing parent POM makes
 * Maven's own resolver refuse it.
 */
final class MavenCentral {

    private static final String BASE = "https://repo.maven.apache.org/maven2/";

    private MavenCentral() {
    }

    static void fetch(String relativePath, Path destination) {
        try {
            Files.createDirectories(destination.getParent());
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            String expectedSha1 = client.send(get(relativePath + ".sha1"), HttpResponse.BodyHandlers.ofString())
                    .body().trim().split("\\s+")[0];
            Path part = Files.createTempFile(destination.getParent(), destination.getFileName().toString(), ".part");
            HttpResponse<InputStream> response = client.send(get(relativePath), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Maven Central answered " + response.statusCode() + " for " + relativePath);
            }
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            try (InputStream in = new DigestInputStream(response.body(), sha1)) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (!actual.equalsIgnoreCase(expectedSha1)) {
                Files.deleteIfExists(part);
                throw new IllegalStateException("checksum mismatch for " + relativePath + ": " + actual);
            }
            Files.move(part, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not fetch " + relativePath + " from Maven Central", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + relativePath, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest get(String relativePath) {
        return HttpRequest.newBuilder(URI.create(BASE + relativePath)).timeout(Duration.ofMinutes(10)).GET().build();
    }
}
