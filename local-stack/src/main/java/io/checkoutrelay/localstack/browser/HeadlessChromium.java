package io.checkoutrelay.localstack.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket): navigate, evaluate
 * JavaScript in the page (clicks, reads), take a screenshot. Stopped by its own process handle. Used by
 * the browser tests of the lander script, the demo and the operator console.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final WebSocket socket;
    private final Replies replies;
    private final AtomicInteger ids = new AtomicInteger();

    private HeadlessChromium(Process process, WebSocket socket, Replies replies) {
        this.process = process;
        this.socket = socket;
        this.replies = replies;
    }

    /** Starts it with a fresh profile in {@code profileDir}; skipped (not failed) outside CI when chromium is missing. */
    public static HeadlessChromium start(Path profileDir) {
        Path binary = Path.of("/usr/bin/chromium");
        String hint = "the headless-browser test needs Debian's chromium package (apt-get install chromium; .ci/run does)";
        if ("1".equals(System.getenv("RELAY_CI"))) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(hint);
            }
        } else {
            // on a machine with only a JDK and Maven the check is skipped and says why; in CI it must run
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(binary), hint);
        }
        try {
            Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--window-size=1280,1000", "--remote-debugging-port=0",
                    "--user-data-dir=" + profileDir, "about:blank").redirectErrorStream(true).start();
            String devtools = devtoolsUrl(process);
            String port = URI.create(devtools).getPort() + "";
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String pageUrl = targets.valueStream().filter(t -> "page".equals(t.path("type").asString()))
                    .findFirst().orElseThrow().path("webSocketDebuggerUrl").asString();
            Replies replies = new Replies();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), replies).get(30, TimeUnit.SECONDS);
            return new HeadlessChromium(process, socket, replies);
        } catch (Exception e) {
            throw new IllegalStateException("chromium did not start", e);
        }
    }

    /** The DevTools answers, matched to the calls waiting for them by id. */
    private static final class Replies implements WebSocket.Listener {
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonNode message = JSON.readTree(text.toString());
                text.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> future = pending.remove(message.path("id").asInt());
                    if (future != null) {
                        future.complete(message);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    private static String devtoolsUrl(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            int at = line.indexOf("ws://");
            if (line.contains("DevTools listening on") && at >= 0) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return line.substring(at).trim();
            }
        }
        throw new IllegalStateException("chromium printed no DevTools address");
    }

    public JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        replies.pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer", e);
        }
    }

    public void navigate(String url) {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** Evaluates a JavaScript expression in the page; its value as a string ("" for null/undefined). */
    public String eval(String expression) {
        JsonNode answer = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        JsonNode value = answer.path("result").path("result").path("value");
        return value.isMissingNode() || value.isNull() ? "" : value.asString();
    }

    public static void await(String what, Duration max, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Override
    public void close() {
        socket.abort();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Saves what the page shows now as a PNG. */
    public void screenshot(Path file) {
        JsonNode answer = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        String data = answer.path("result").path("data").asString();
        if (data == null || data.isEmpty()) {
            throw new IllegalStateException("no screenshot: " + answer);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, java.util.Base64.getDecoder().decode(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path tempProfile() {
        try {
            return Files.createTempDirectory("relay-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
