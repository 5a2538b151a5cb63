package io.checkoutrelay.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.checkoutrelay.schemas.identity.CheckoutIds;

/**
 * New checkouts as a lander posts them, each with its own Amazon order reference
 * ({@code <prefix>-<run>-<sequence>}), so every answer is a 202 after the broker's ack.
 */
public final class CheckoutRequests {

    private static final Pattern PREFIX = Pattern.compile("[A-Z][0-9A-Z]{2}");
    private static final long MAX_SEQUENCE = 9_999_999;

    private final String prefix;
    private final int run;
    private final String hostHeader;

    public CheckoutRequests(String prefix, int run, String host, int port) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("reference prefix must be a capital letter and two capitals or digits, not '"
                    + prefix + "'");
        }
        if (run < 0 || run > 9_999_999) {
            throw new IllegalArgumentException("run number must have at most 7 digits, not " + run);
        }
        this.prefix = prefix;
        this.run = run;
        this.hostHeader = host + ":" + port;
    }

    public String orderReference(long sequence) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalStateException("more than " + MAX_SEQUENCE + " checkouts in one generator run");
        }
        return String.format("%s-%07d-%07d", prefix, run, sequence);
    }

    public String checkoutId(long sequence) {
        return CheckoutIds.checkoutId(orderReference(sequence));
    }

    /** The JSON body: one product, a fresh token (sandbox tokens start with {@code Atza|}). */
    public static String body(String orderReference) {
        return body(orderReference, 101);
    }

    /** The JSON body with another product (the sandbox's product markers script declines, e.g. 9011). */
    public static String body(String orderReference, long productId) {
        return "{\"campaignId\":12,\"products\":[{\"productId\":" + productId + ",\"quantity\":1,\"price\":\"29.95\"}],"
                + "\"amazon\":{\"billerId\":7,\"orderReferenceId\":\"" + orderReference
                + "\",\"accessToken\":\"" + token(orderReference) + "\",\"recurring\":false},"
                + "\"customer\":{\"phoneNumber\":\"2065550100\"},\"salesUrl\":\"https://lander.example/serum\"}";
    }

    /**
     * The body of a one-click upsell on the order of {@code orderReference}, paid with the order's own
     * reference and token (what checkout-relay.js falls back to).
     */
    public static String upsellBody(String orderReference, long productId) {
        return "{\"productId\":" + productId + ",\"quantity\":1,\"price\":\"9.95\",\"amazon\":{\"billerId\":7,"
                + "\"orderReferenceId\":\"" + orderReference + "\",\"accessToken\":\"" + token(orderReference) + "\"}}";
    }

    private static String token(String orderReference) {
        return "Atza|IwEBIbench-" + orderReference;
    }

    /** The whole request, bytes on the wire. */
    public byte[] request(long sequence) {
        byte[] body = body(orderReference(sequence)).getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/checkouts HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        byte[] headBytes = HttpPoster.ascii(head);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
