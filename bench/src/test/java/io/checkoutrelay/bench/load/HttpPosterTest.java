package io.checkoutrelay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class HttpPosterTest {

    private final AtomicBoolean closed = new AtomicBoolean();

    @Test
    void readsResponsesWithContentLengthAndChunkedBodiesBackToBack() throws Exception {
        InputStream in = stream("HTTP/1.1 202 \r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"bcd\"}"
                + "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n3;x=y\r\nefg\r\n0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThat(HttpPoster.readResponse(in, () -> closed.set(true))).isEqualTo(202);
        assertThat(HttpPoster.readResponse(in, () -> closed.set(true))).isEqualTo(503);
        assertThat(HttpPoster.readResponse(in, () -> closed.set(true))).isEqualTo(200);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(closed).isFalse();
    }

    @Test
    void connectionCloseClosesTheConnection() throws Exception {
        InputStream in = stream("HTTP/1.1 429 \r\nConnection: close\r\nContent-Length: 2\r\n\r\nno");

        assertThat(HttpPoster.readResponse(in, () -> closed.set(true))).isEqualTo(429);
        assertThat(closed).isTrue();
    }

    @Test
    void aTruncatedBodyIsAnError() {
        InputStream in = stream("HTTP/1.1 202 \r\nContent-Length: 50\r\n\r\nshort");

        assertThatThrownBy(() -> HttpPoster.readResponse(in, () -> { })).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> HttpPoster.readResponse(stream("SSH-2.0\r\n"), () -> { }))
                .hasMessageContaining("not an HTTP response");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
