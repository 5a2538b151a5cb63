package io.checkoutrelay.sandbox.crm;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the parameters of one CRM call, collecting one error per field the way the CRM
 * reports them: {@code {"firstName":"is required"}}.
 */
final class ParamCheck {

    static final String REQUIRED = "is required";
    static final String INVALID = "is invalid";
    static final String INVALID_PRODUCT = "Invalid product";

    /** CheckoutChamp limits most text fields to 30 characters. */
    private static final int TEXT_LIMIT = 30;
    private static final int EMAIL_LIMIT = 255;
    private static final Set<String> LIMITED_TEXT = Set.of("firstName", "lastName", "companyName", "phoneNumber",
            "address1", "address2", "city", "state", "postalCode", "country", "shipFirstName", "shipLastName",
            "shipAddress1", "shipAddress2", "shipCity", "shipState", "shipPostalCode", "shipCountry", "couponCode",
            "affId");
    private static final Pattern NUMBERED_TEXT = Pattern.compile("(custom|sourceValue)[1-5]");
    private static final Pattern PRODUCT_ID = Pattern.compile("product(\\d+)_id");

    private final Map<String, String> params;
    private final Map<String, String> errors = new LinkedHashMap<>();

    ParamCheck(Map<String, String> params) {
        this.params = params;
    }

    /** The value, or null when absent or blank. */
    String text(String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    ParamCheck required(String... names) {
        for (String name : names) {
            if (text(name) == null) {
                reject(name, REQUIRED);
            }
        }
        return this;
    }

    /** Text fields over 30 characters, an email address over 255, a malformed email or country. */
    ParamCheck limits() {
        params.forEach((name, value) -> {
            int length = value.codePointCount(0, value.length());
            if ((LIMITED_TEXT.contains(name) || NUMBERED_TEXT.matcher(name).matches()) && length > TEXT_LIMIT) {
                reject(name, "must be at most " + TEXT_LIMIT + " characters");
            }
        });
        String email = text("emailAddress");
        if (email != null && email.length() > EMAIL_LIMIT) {
            reject("emailAddress", "must be at most " + EMAIL_LIMIT + " characters");
        } else if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            reject("emailAddress", INVALID);
        }
        for (String country : List.of("country", "shipCountry")) {
            String code = text(country);
            if (code != null && !code.matches("[A-Za-z]{2}")) {
                reject(country, "must be a 2-letter country code");
            }
        }
        return this;
    }

    /** A positive whole number, or null (with an error when required) when absent or malformed. */
    Long positiveNumber(String name, boolean required, String invalidMessage) {
        String value = text(name);
        if (value == null) {
            if (required) {
                reject(name, REQUIRED);
            }
            return null;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reject(name, invalidMessage);
        return null;
    }

    /** A quantity from 1 to 999; 1 when absent. */
    int quantity(String name) {
        String value = text(name);
        if (value == null) {
            return 1;
        }
        try {
            int qty = Integer.parseInt(value.trim());
            if (qty >= 1 && qty <= 999) {
                return qty;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reject(name, INVALID);
        return 1;
    }

    /** A non-negative price with at most 2 decimals; the catalog price when absent. */
    BigDecimal price(String name) {
        String value = text(name);
        if (value == null) {
            return ProductLine.CATALOG_PRICE;
        }
        try {
            BigDecimal price = new BigDecimal(value.trim());
            if (price.signum() >= 0 && price.scale() <= 2) {
                return price.setScale(2);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reject(name, INVALID);
        return ProductLine.CATALOG_PRICE;
    }

    /** {@code product1_id}, {@code product2_id}, ... in index order, with their quantities and prices. */
    List<ProductLine> productLines() {
        Map<Integer, String> idParams = new TreeMap<>();
        params.keySet().forEach(name -> {
            Matcher matcher = PRODUCT_ID.matcher(name);
            if (matcher.matches()) {
                idParams.put(Integer.parseInt(matcher.group(1)), name);
            }
        });
        if (!idParams.containsKey(1)) {
            reject("product1_id", REQUIRED);
        }
        return idParams.keySet().stream()
                .map(index -> productLine("product" + index + "_id", "product" + index + "_qty",
                        "product" + index + "_price"))
                .filter(line -> line != null)
                .toList();
    }

    /** One product from its three parameter names; null when the id is missing or bad (error recorded). */
    ProductLine productLine(String idName, String qtyName, String priceName) {
        Long productId = positiveNumber(idName, true, INVALID_PRODUCT);
        int qty = quantity(qtyName);
        BigDecimal price = price(priceName);
        return productId == null ? null : new ProductLine(idName, productId, qty, price);
    }

    /** The address fields the caller sent, as given. */
    Map<String, String> addressFields() {
        Map<String, String> address = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.matches("(ship)?([Aa]ddress[12]|[Cc]ity|[Ss]tate|[Pp]ostalCode|[Cc]ountry)|billShipSame")) {
                address.put(name, value);
            }
        });
        return Collections.unmodifiableMap(address);
    }

    void reject(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    Map<String, String> errors() {
        return Collections.unmodifiableMap(errors);
    }
}
