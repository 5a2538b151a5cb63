package io.checkoutrelay.intake.checkout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generated corpus of malformed and hostile requests: wrong types, out-of-range and huge numbers,
 * missing fields, oversize values, unicode edge cases, injection strings, broken JSON and wrong
 * content types. Every one of them must be refused with a 4xx problem response.
 */
final class HostileRequests {

    static final String JSON_TYPE = "application/json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One request: where it goes, its content type and body, the status and bad field expected. */
    record Case(String name, String path, String contentType, byte[] body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "Robert'); DROP TABLE orders;--", "<script>alert(1)</script>", "${jndi:ldap://x.example/a}",
            "../../../../etc/passwd", "{{7*7}}", "%00", "a\r\nSet-Cookie: x=1", "\u0000", "$(rm -rf /)",
            "<img src=x onerror=alert(1)>", "\"; sleep 10; echo \"");

    static final List<String> UNICODE = List.of(
            "\u202Eevil", "zero\u200Bwidth", "\uD800", "\uDFFF", "emoji\uD83D\uDE00", "\u0007bell", "tab\there",
            "line\u2028sep", "\uFEFFbom", "\uE000private", "ＳＡＶＥ１０", "caf\u00E9");

    private HostileRequests() {
    }

    static ObjectNode validOrder(String orderReferenceId, String token) {
        return (ObjectNode) JSON.readTree(io.checkoutrelay.intake.support.Checkouts.order(orderReferenceId, token));
    }

    static List<Case> orders(String orderReferenceId, String token) {
        List<Case> cases = new ArrayList<>();
        String path = "/v1/checkouts";
        ObjectNode valid = validOrder(orderReferenceId, token);
        Mutations m = new Mutations(cases, path, valid);

        List<JsonNode> badIds = List.of(NODES.stringNode("12"), NODES.numberNode(12.5), NODES.numberNode(-1),
                NODES.numberNode(0), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
                NODES.numberNode(2147483648L), NODES.numberNode(new java.math.BigInteger("99999999999999999999999999999")),
                NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.stringNode(""));
        for (String field : List.of("campaignId", "products[0].productId", "amazon.billerId")) {
            badIds.forEach(bad -> m.set(field, bad, field));
        }
        for (JsonNode bad : List.of(NODES.numberNode(0), NODES.numberNode(100), NODES.stringNode("1"),
                NODES.numberNode(1.5), NODES.numberNode(-5), NODES.numberNode(Long.MAX_VALUE), NODES.booleanNode(false))) {
            m.set("products[0].quantity", bad, "products[0].quantity");
        }
        for (String bad : List.of("-1", "1.234", "abc", "1e5", "", " 1", "NaN", "Infinity", "12345678901.00", "0x10",
                "1,5", "٣")) {
            m.set("products[0].price", NODES.stringNode(bad), "products[0].price");
        }
        m.set("products[0].price", NODES.numberNode(29.95), "products[0].price");
        for (JsonNode bad : List.of(NODES.arrayNode(), NODES.stringNode("x"), NODES.objectNode(), NODES.numberNode(1))) {
            m.set("products", bad, "products");
        }
        ArrayNode many = NODES.arrayNode();
        for (int i = 0; i < 21; i++) {
            many.add(NODES.objectNode().put("productId", 100 + i));
        }
        m.set("products", many, "products");
        ArrayNode nulls = NODES.arrayNode();
        nulls.add(NODES.nullNode());
        m.set("products", nulls, "products[0]");
        m.set("products", NODES.arrayNode().add(1), "products[0]");

        for (String bad : List.of("", "S01-123", "s01-1234567-1234567", "S01 1234567 1234567", "S01-1234567-1234567 ",
                "S01-1234567-12345678", "S01-１２３４５６７-1234567", "A".repeat(31))) {
            m.set("amazon.orderReferenceId", NODES.stringNode(bad), "amazon.orderReferenceId");
        }
        INJECTIONS.forEach(bad -> m.set("amazon.orderReferenceId", NODES.stringNode(bad), "amazon.orderReferenceId"));
        m.set("amazon.orderReferenceId", NODES.numberNode(12345), "amazon.orderReferenceId");

        for (String bad : List.of("", "Atza|short", "Bearer Atza|abcdefghijklmnopqrstuvwxyz", "atza|abcdefghijklmnopqrstuvwxyz",
                "Atza|" + "x".repeat(2100), "Atza|with space abcdefghijklmnop", "Atza|caf\u00E9-abcdefghijklmnopqr",
                "Atza|abcdefghijklmnopqrstu\u0000", "Atza|abcdefghijklmnopqrst\n")) {
            m.set("amazon.accessToken", NODES.stringNode(bad), "amazon.accessToken");
        }
        m.set("amazon.accessToken", NODES.numberNode(42), "amazon.accessToken");
        m.set("amazon.accessToken", NODES.objectNode(), "amazon.accessToken");
        for (JsonNode bad : List.of(NODES.stringNode("true"), NODES.numberNode(1), NODES.stringNode("yes"))) {
            m.set("amazon.recurring", bad, "amazon.recurring");
        }
        for (JsonNode bad : List.of(NODES.stringNode("x"), NODES.arrayNode(), NODES.numberNode(7))) {
            m.set("amazon", bad, "amazon");
            m.set("customer", bad, "customer");
        }

        for (String field : List.of("sessionId", "couponCode", "affId")) {
            INJECTIONS.forEach(bad -> m.set(field, NODES.stringNode(bad), field));
            UNICODE.forEach(bad -> m.set(field, NODES.stringNode(bad), field));
            m.set(field, NODES.stringNode("A".repeat(31)), field);
            m.set(field, NODES.numberNode(5), field);
        }
        INJECTIONS.forEach(bad -> m.set("customer.phoneNumber", NODES.stringNode(bad), "customer.phoneNumber"));
        m.set("customer.phoneNumber", NODES.stringNode("1".repeat(31)), "customer.phoneNumber");
        for (String bad : List.of("999.1.1.1", "localhost", "example.com", "1.2.3", "::g", "01.2.3.4", "1.2.3.4/24",
                "' OR 1=1", "1".repeat(50))) {
            m.set("customer.ipAddress", NODES.stringNode(bad), "customer.ipAddress");
        }
        for (String bad : List.of("javascript:alert(1)", "ftp://lander.example/", "not a url", "http://",
                "https://lander.example/" + "p".repeat(240), "//lander.example/p", "https://lander.example/\u0000",
                "data:text/html,<script>alert(1)</script>")) {
            m.set("salesUrl", NODES.stringNode(bad), "salesUrl");
        }
        for (String required : List.of("campaignId", "products", "amazon", "products[0].productId", "amazon.billerId",
                "amazon.orderReferenceId", "amazon.accessToken")) {
            m.remove(required);
            m.set(required, NODES.nullNode(), required);
        }
        bodyLevel(cases, path, valid);
        return cases;
    }

    static List<Case> upsells(String checkoutId, String orderReferenceId, String token) {
        List<Case> cases = new ArrayList<>();
        String path = "/v1/checkouts/" + checkoutId + "/upsells";
        ObjectNode valid = (ObjectNode) JSON.readTree("""
                {"productId": 205, "quantity": 1, "price": "9.95",
                 "amazon": {"billerId": 7, "orderReferenceId": "%s", "accessToken": "%s"}}
                """.formatted(orderReferenceId, token));
        Mutations m = new Mutations(cases, path, valid);
        for (JsonNode bad : List.of(NODES.stringNode("205"), NODES.numberNode(0), NODES.numberNode(2.5),
                NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")))) {
            m.set("productId", bad, "productId");
            m.set("replaceProductId", bad, "replaceProductId");
        }
        m.set("quantity", NODES.numberNode(100), "quantity");
        m.set("price", NODES.stringNode("9.999"), "price");
        m.set("amazon.accessToken", NODES.stringNode("Atza|x"), "amazon.accessToken");
        INJECTIONS.forEach(bad -> m.set("amazon.orderReferenceId", NODES.stringNode(bad), "amazon.orderReferenceId"));
        m.remove("productId");
        m.remove("amazon");
        bodyLevel(cases, path, valid);
        return cases;
    }

    private static void bodyLevel(List<Case> cases, String path, ObjectNode valid) {
        String body = valid.toString();
        Consumer<String> malformed = text -> cases.add(new Case("malformed " + abbreviate(text), path, JSON_TYPE,
                text.getBytes(StandardCharsets.UTF_8), 400, null));
        malformed.accept(body.substring(0, body.length() / 2));
        malformed.accept(body.replaceFirst("\\}$", ",}"));
        malformed.accept(body.replace('"', '\''));
        malformed.accept(body + "{}");
        malformed.accept(body + " garbage");
        malformed.accept("{\"campaignId\": NaN}");
        malformed.accept("{/* comment */ \"campaignId\": 12}");
        malformed.accept("{\"campaignId\": 12, \"campaignId\": 13}");
        malformed.accept("[".repeat(5000) + "]".repeat(5000));
        malformed.accept("");
        malformed.accept("   ");
        malformed.accept("null");
        malformed.accept("[]");
        malformed.accept("42");
        malformed.accept("\"just a string\"");
        malformed.accept("{\"campaignId\": 1" + "0".repeat(2000) + "}");
        byte[] badUtf8 = body.replace("sess-42", "sess-XY").getBytes(StandardCharsets.UTF_8);
        int at = new String(badUtf8, StandardCharsets.ISO_8859_1).indexOf("XY");
        if (at >= 0) {
            badUtf8[at] = (byte) 0xC3;
            badUtf8[at + 1] = (byte) 0x28;
            cases.add(new Case("invalid UTF-8", path, JSON_TYPE, badUtf8, 400, null));
        }
        String oversize = body.replaceFirst("\\}$", ", \"pad\": \"" + "x".repeat(17_000) + "\"}");
        cases.add(new Case("oversize body", path, JSON_TYPE, oversize.getBytes(StandardCharsets.UTF_8), 413, null));
        cases.add(new Case("oversize unicode body", path, JSON_TYPE,
                body.replaceFirst("\\}$", ", \"pad\": \"" + "\u00E9".repeat(9_000) + "\"}").getBytes(StandardCharsets.UTF_8), 413, null));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "*/*", "application/*",
                "not a media type", "text/json")) {
            cases.add(new Case("content type " + type, path, type, body.getBytes(StandardCharsets.UTF_8), 415, null));
        }
        cases.add(new Case("no content type", path, null, body.getBytes(StandardCharsets.UTF_8), 415, null));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** Copies of a valid body with one field changed or removed, each expecting a 400 naming that field. */
    private record Mutations(List<Case> cases, String path, ObjectNode valid) {

        void set(String field, JsonNode value, String expectedField) {
            ObjectNode copy = valid.deepCopy();
            parentOf(copy, field).set(leaf(field), value);
            add(field + " = " + abbreviate(value.toString()), copy, expectedField);
        }

        void remove(String field) {
            ObjectNode copy = valid.deepCopy();
            parentOf(copy, field).remove(leaf(field));
            add("missing " + field, copy, field);
        }

        private void add(String name, ObjectNode body, String expectedField) {
            cases.add(new Case(name, path, JSON_TYPE, JSON.writeValueAsBytes(body), 400, expectedField));
        }

        private static ObjectNode parentOf(ObjectNode root, String field) {
            ObjectNode node = root;
            String[] parts = field.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                String part = parts[i];
                if (part.endsWith("]")) {
                    String name = part.substring(0, part.indexOf('['));
                    int index = Integer.parseInt(part.substring(part.indexOf('[') + 1, part.length() - 1));
                    node = (ObjectNode) node.get(name).get(index);
                } else {
                    if (!node.has(part) || !node.get(part).isObject()) {
                        node.set(part, NODES.objectNode());
                    }
                    node = (ObjectNode) node.get(part);
                }
            }
            return node;
        }

        private static String leaf(String field) {
            String[] parts = field.split("\\.");
            return parts[parts.length - 1];
        }
    }
}
