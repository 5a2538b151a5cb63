package io.checkoutrelay.intake.web;

import io.checkoutrelay.intake.config.IntakeProperties;
import io.checkoutrelay.intake.validation.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body as a JSON tree within the intake's limits: JSON content type (415), size
 * (413), well-formed UTF-8 JSON without duplicate keys (400). Parser messages are not passed on, as
 * they may quote the body (and so a token); the problem names the position only.
 */
@Component
public final class JsonBodyReader {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final long maxBytes;

    public JsonBodyReader(IntakeProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    public JsonNode read(HttpServletRequest request) {
        requireJson(request.getContentType());
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        byte[] body = boundedBody(request);
        if (body.length == 0) {
            throw malformed("the body is empty");
        }
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw malformed("the body is empty");
            }
            return tree;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            throw malformed(at == null ? "the body is not well-formed JSON"
                    : "the body is not well-formed JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            throw unsupported();
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardType()
                    && !type.isWildcardSubtype();
            boolean utf8 = type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset());
            if (!json || !utf8) {
                throw unsupported();
            }
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException too
            throw unsupported();
        }
    }

    private byte[] boundedBody(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw tooLarge();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw malformed("the body could not be read");
        }
    }

    private RequestProblemException tooLarge() {
        return new RequestProblemException(HttpStatus.CONTENT_TOO_LARGE,
                "the body is larger than " + maxBytes + " bytes");
    }

    private static RequestProblemException unsupported() {
        return new RequestProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "the body must be application/json in UTF-8");
    }

    private static RequestProblemException malformed(String detail) {
        return new RequestProblemException(HttpStatus.BAD_REQUEST, detail, List.of(new FieldError("$", detail)));
    }
}
