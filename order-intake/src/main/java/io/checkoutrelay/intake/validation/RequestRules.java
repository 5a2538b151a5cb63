package io.checkoutrelay.intake.validation;

import io.checkoutrelay.intake.checkout.AmazonAuthorization;
import io.checkoutrelay.intake.checkout.CheckoutRequest;
import io.checkoutrelay.intake.checkout.ProductRequest;
import io.checkoutrelay.intake.checkout.UpsellPost;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The field rules of contracts.md, applied to a parsed JSON body. Every bad field is reported, not
 * just the first; unknown fields are ignored. CheckoutChamp limits most text fields to 30 characters.
 */
public final class RequestRules {

    public static final int MAX_PRODUCTS = 20;
    static final int CRM_TEXT = 30;

    private RequestRules() {
    }

    public static CheckoutRequest checkout(JsonNode body) {
        FieldErrors errors = new FieldErrors();
        FieldReader read = new FieldReader(errors);
        requireObject(body, errors);
        long campaignId = read.requiredId(body, "campaignId", "campaignId");
        List<ProductRequest> products = products(body, read, errors);
        AmazonAuthorization amazon = amazon(body, read);
        String sessionId = read.text(body, "sessionId", "sessionId", false, CRM_TEXT, TextRules.IDENTIFIER,
                "letters, digits and . _ ~ : - only");
        JsonNode customer = read.optionalObject(body, "customer", "customer").orElse(null);
        String phone = customer == null ? null : read.text(customer, "phoneNumber", "customer.phoneNumber", false,
                CRM_TEXT, TextRules.PHONE, "a phone number: digits, spaces and + ( ) . / - x only");
        String ip = customer == null ? null : read.ipAddress(customer, "ipAddress", "customer.ipAddress");
        String coupon = read.text(body, "couponCode", "couponCode", false, CRM_TEXT, TextRules.IDENTIFIER,
                "letters, digits and . _ ~ : - only");
        String affId = read.text(body, "affId", "affId", false, CRM_TEXT, TextRules.IDENTIFIER,
                "letters, digits and . _ ~ : - only");
        String salesUrl = read.url(body, "salesUrl", "salesUrl");
        throwIfAny(errors);
        return new CheckoutRequest(campaignId, products, amazon, sessionId, phone, ip, coupon, affId, salesUrl);
    }

    /** Longest Idempotency-Key accepted; a UUID (36) is what checkout-relay.js sends. */
    static final int MAX_IDEMPOTENCY_KEY = 255;

    /** @param idempotencyKey the Idempotency-Key header, null when absent */
    public static UpsellPost upsell(JsonNode body, String idempotencyKey) {
        FieldErrors errors = new FieldErrors();
        FieldReader read = new FieldReader(errors);
        requireObject(body, errors);
        long productId = read.requiredId(body, "productId", "productId");
        int quantity = read.quantity(body, "quantity", "quantity");
        var price = read.price(body, "price", "price");
        Long replace = read.optionalId(body, "replaceProductId", "replaceProductId");
        AmazonAuthorization amazon = amazon(body, read);
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                || !TextRules.isVisibleAscii(idempotencyKey))) {
            errors.add("Idempotency-Key", "the header must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " visible ASCII characters (e.g. a UUID), one per upsell offer");
        }
        throwIfAny(errors);
        return new UpsellPost(productId, quantity, price, replace, amazon, idempotencyKey);
    }

    private static void requireObject(JsonNode body, FieldErrors errors) {
        if (!body.isObject()) {
            errors.add("$", "the body must be a JSON object");
            throw new InvalidRequestException(errors.list());
        }
    }

    private static List<ProductRequest> products(JsonNode body, FieldReader read, FieldErrors errors) {
        JsonNode node = body.path("products");
        if (FieldReader.absent(node)) {
            errors.add("products", "is required");
            return List.of();
        }
        if (!node.isArray() || node.size() < 1 || node.size() > MAX_PRODUCTS) {
            errors.add("products", "must be an array of 1 to " + MAX_PRODUCTS + " products");
            return List.of();
        }
        List<ProductRequest> products = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "products[" + i + "]";
            JsonNode line = node.get(i);
            if (!line.isObject()) {
                errors.add(path, "must be an object");
                continue;
            }
            products.add(new ProductRequest(read.requiredId(line, "productId", path + ".productId"),
                    read.quantity(line, "quantity", path + ".quantity"), read.price(line, "price", path + ".price")));
        }
        return products;
    }

    private static AmazonAuthorization amazon(JsonNode body, FieldReader read) {
        JsonNode amazon = read.object(body, "amazon", "amazon");
        if (amazon == null) {
            return null;
        }
        long billerId = read.requiredId(amazon, "billerId", "amazon.billerId");
        String reference = read.text(amazon, "orderReferenceId", "amazon.orderReferenceId", true, CRM_TEXT,
                TextRules.AMAZON_REFERENCE, "an Amazon order reference or billing agreement id like S01-1234567-1234567");
        String token = read.accessToken(amazon, "accessToken", "amazon.accessToken");
        boolean recurring = read.flag(amazon, "recurring", "amazon.recurring");
        return new AmazonAuthorization(billerId, reference, token, recurring);
    }

    private static void throwIfAny(FieldErrors errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.list());
        }
    }
}
