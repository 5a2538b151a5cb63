package io.checkoutrelay.intake.validation;

import java.util.regex.Pattern;

/** Character-level rules for the text fields of the contract. */
final class TextRules {

    /** Amazon OrderReference (S01-/P01-) and BillingAgreement (B01-/C01-) ids: letter, 2 chars, 7 digits, 7 digits. */
    static final Pattern AMAZON_REFERENCE = Pattern.compile("[A-Z][0-9A-Z]{2}-[0-9]{7}-[0-9]{7}");
    /** CRM identifiers (session id, coupon code, affiliate id): no spaces, quotes or markup. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._~:-]+");
    static final Pattern PHONE = Pattern.compile("[0-9+()./ xX-]+");
    /** A non-negative amount with at most 10 integer digits and 2 decimals: fits Avro decimal(12,2). */
    static final Pattern PRICE = Pattern.compile("(0|[1-9][0-9]{0,9})(\\.[0-9]{1,2})?");
    static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private TextRules() {
    }

    /** Printable text: no control, format, private-use, unassigned or unpaired surrogate characters. */
    static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Visible ASCII only (0x21-0x7E): what an OAuth access token is made of. */
    static boolean isVisibleAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
