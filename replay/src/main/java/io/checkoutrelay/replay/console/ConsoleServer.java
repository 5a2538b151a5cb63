package io.checkoutrelay.replay.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.checkoutrelay.replay.cli.Request;
import io.checkoutrelay.replay.kafka.RecordDecoder;
import io.checkoutrelay.replay.kafka.TopicReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code replay console}: a read-only web page for operators (the JDK's HTTP server, one request at a
 * time). Each GET / reads the window of checkout.status.v1 and crm.order.declined.v1, scrapes the
 * services' metrics and runs the declined replay's planner as a dry run. It writes nothing anywhere.
 */
public final class ConsoleServer implements AutoCloseable {

    static final int RECENT_CHECKOUTS = 20;
    static final Duration REFRESH = Duration.ofSeconds(15);

    private final Request.Console request;
    private final TopicReader reader;
    private final RecordDecoder decoder;
    private final ServiceGauges gauges;
    private final Clock clock;
    private final HttpServer server;

    private ConsoleServer(Request.Console request, Clock clock) throws IOException {
        this.request = request;
        this.reader = new TopicReader(request.connection().consumerConfigs());
        this.decoder = new RecordDecoder(request.connection().registryUrl(), request.connection().registryAuth());
        this.gauges = new ServiceGauges(request.metrics());
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(request.bindAddress(), request.port()), 16);
        server.createContext("/", this::page);
    }

    /** Serves until the JVM is stopped; prints where. */
    public static int serve(Request.Console request, PrintStream out) {
        try (ConsoleServer console = new ConsoleServer(request, Clock.systemUTC())) {
            console.server.start();
            out.println("console: http://" + request.bindAddress() + ":" + console.server.getAddress().getPort()
                    + "/ (read-only; window " + request.window() + ", metrics from " + request.metrics() + ")");
            out.flush();
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown, "console-stop"));
            forever.await();
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("console cannot listen on " + request.bindAddress() + ":" + request.port()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
                answer(exchange, 404, "text/plain", "not found: the console is GET /");
                return;
            }
            String html;
            try {
                html = ConsolePage.render(snapshot(), REFRESH);
            } catch (RuntimeException e) {
                answer(exchange, 503, "text/plain", "console could not read Kafka or the registry: " + e);
                return;
            }
            answer(exchange, 200, "text/html; charset=utf-8", html);
        }
    }

    private ConsoleSnapshot snapshot() {
        Instant now = clock.instant();
        Instant from = now.minus(request.window());
        return new ConsoleSnapshot(now, from, gauges.read(),
                StatusTimelines.read(reader, decoder, from, RECENT_CHECKOUTS),
                DeclineTally.read(reader, decoder, from, now),
                ReplayPreview.dryRun(reader, decoder, request.connection(), from, clock));
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        decoder.close();
        reader.close();
    }
}
