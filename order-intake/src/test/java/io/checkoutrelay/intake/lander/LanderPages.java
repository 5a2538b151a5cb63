package io.checkoutrelay.intake.lander;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A merchant's web server on its own origin: serves lander pages made of the guide's snippets, and
 * the fake of Amazon's Widgets.js in place of Amazon's. Stopped by {@link #close()}.
 */
final class LanderPages implements AutoCloseable {

    /** Where the guide's snippets load Amazon's widgets from. */
    static final String AMAZON_WIDGETS_URL = "https://static-na.payments-amazon.com/OffAmazonPayments/us/js/Widgets.js";
    /** The intake's address in the guide's snippets. */
    static final String GUIDE_INTAKE_URL = "https://relay.example.com";

    private static final String FAKE_WIDGETS_PATH = "/fake-amazon/Widgets.js";

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private LanderPages(HttpServer server) {
        this.server = server;
    }

    static LanderPages start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            LanderPages pages = new LanderPages(server);
            server.createContext("/", pages::serve);
            server.start();
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The origin pages are served from, as INTAKE_ALLOWED_ORIGINS lists it. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String url(String path) {
        return origin() + path;
    }

    /**
     * Serves at {@code path} a page whose body is the given snippets, in order, pointed at this intake
     * and at the fake widgets: the only changes from the guide's text.
     */
    void page(String path, String intakeBaseUrl, String... snippets) {
        String body = String.join("\n", snippets).replace(GUIDE_INTAKE_URL, intakeBaseUrl)
                .replace(AMAZON_WIDGETS_URL, FAKE_WIDGETS_PATH);
        pages.put(path, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>lander</title></head>\n<body>\n"
                + body + "</body></html>\n");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            if (path.equals(FAKE_WIDGETS_PATH)) {
                try (InputStream in = LanderPages.class.getResourceAsStream("/lander/fake-amazon-widgets.js")) {
                    body = in.readAllBytes();
                }
                type = "text/javascript";
            } else if (pages.containsKey(path)) {
                body = pages.get(path).getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            } else {
                body = "not found".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
