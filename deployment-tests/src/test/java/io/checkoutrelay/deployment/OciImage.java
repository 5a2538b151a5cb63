package io.checkoutrelay.deployment;

import static io.checkoutrelay.deployment.ManifestChecks.list;
import static io.checkoutrelay.deployment.ManifestChecks.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * An image tarball in the OCI layout, as {@code jib:buildTar} writes it, unpacked into a directory:
 * its name, its config (what a container runtime runs) and its layers.
 */
record OciImage(Path directory, String name, Map<String, Object> config, List<Path> layers) {

    static OciImage unpack(Path tarball, Path directory) throws IOException {
        Files.createDirectories(directory);
        untar(tarball, directory, "-xf");
        Map<String, Object> index = json(directory.resolve("index.json"));
        Map<String, Object> descriptor = list(index, "manifests").get(0);
        String name = String.valueOf(map(descriptor, "annotations").get("org.opencontainers.image.ref.name"));
        Map<String, Object> manifest = json(blob(directory, descriptor));
        Map<String, Object> config = json(blob(directory, map(manifest, "config")));
        List<Path> layers = list(manifest, "layers").stream().map(layer -> blob(directory, layer)).toList();
        return new OciImage(directory, name, config, layers);
    }

    /** The container settings: User, Entrypoint, Env, ExposedPorts, WorkingDir. */
    Map<String, Object> containerConfig() {
        return map(config, "config");
    }

    @SuppressWarnings("unchecked")
    List<String> env() {
        return (List<String>) containerConfig().getOrDefault("Env", List.of());
    }

    @SuppressWarnings("unchecked")
    List<String> entrypoint() {
        return (List<String>) containerConfig().getOrDefault("Entrypoint", List.of());
    }

    /** The files of every layer, in order, as the container sees them. */
    Path rootFilesystem() throws IOException {
        Path root = directory.resolve("rootfs");
        Files.createDirectories(root);
        for (Path layer : layers) {
            untar(layer, root, "-xzf");
        }
        return root;
    }

    /** A layer's listing ({@code tar -tvzf}): mode, owner, size, date, path per line. */
    String listing(Path layer) throws IOException {
        return run(List.of("tar", "--warning=no-unknown-keyword", "-tvzf", layer.toString()), directory);
    }

    /** The blob a descriptor names, after checking that its content has that digest. */
    private static Path blob(Path directory, Map<String, Object> descriptor) {
        String digest = String.valueOf(descriptor.get("digest"));
        Path blob = directory.resolve("blobs").resolve(digest.replace(':', '/'));
        try (InputStream in = new DigestInputStream(Files.newInputStream(blob), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            String actual = "sha256:" + HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            if (!actual.equals(digest)) {
                throw new AssertionError(blob + " has digest " + actual + ", its descriptor says " + digest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return blob;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void untar(Path archive, Path into, String flags) throws IOException {
        run(List.of("tar", "--warning=no-unknown-keyword", flags, archive.toString(), "-C", into.toString()), into);
    }

    private static String run(List<String> command, Path workDir) throws IOException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new AssertionError(command + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return output;
    }
}
