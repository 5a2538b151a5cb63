package io.checkoutrelay.sandbox.crm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A CRM call as received: its method, whether the body was form-encoded, the body parameters and,
 * separately, the query-string parameters. The body is parsed here (not through
 * {@code getParameter}) so that query-string parameters can never pass for body parameters.
 */
public record FormRequest(String method, boolean formEncoded, Map<String, String> body, Map<String, String> query) {

    private static final int MAX_BODY_BYTES = 1 << 20;

    public static FormRequest read(HttpServletRequest request) throws IOException {
        Map<String, String> query = parse(request.getQueryString(), StandardCharsets.UTF_8);
        MediaType contentType = contentType(request.getContentType());
        boolean formEncoded = contentType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(contentType);
        Map<String, String> body = Map.of();
        if (formEncoded) {
            Charset charset = contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
            body = parse(readBody(request.getInputStream(), charset), charset);
        }
        return new FormRequest(request.getMethod(), formEncoded, body, query);
    }

    public boolean isPost() {
        return "POST".equalsIgnoreCase(method);
    }

    /** {@code application/x-www-form-urlencoded} pairs, decoded; the first of repeated names wins. */
    static Map<String, String> parse(String encoded, Charset charset) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), charset);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
            params.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String text, Charset charset) {
        try {
            return URLDecoder.decode(text, charset);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String readBody(InputStream in, Charset charset) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
        return new String(bytes, charset);
    }

    private static MediaType contentType(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }
}
