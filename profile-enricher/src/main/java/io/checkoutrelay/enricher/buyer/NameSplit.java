package io.checkoutrelay.enricher.buyer;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * Splits the single {@code name} of a Login with Amazon profile into the first and last name
 * CheckoutChamp requires (both mandatory, 30 characters each). The rule (see the module README):
 * <ol>
 * <li>Clean: control and format characters are removed, every run of whitespace (including the
 *     ideographic space U+3000 and no-break spaces) becomes one space, the ends are trimmed.</li>
 * <li>Empty after cleaning: first name {@value #EMPTY_FIRST}, last name {@value #EMPTY_LAST}.</li>
 * <li>One word: that word is both first and last name.</li>
 * <li>Several words: first name = the first word, last name = all the other words (CheckoutChamp's
 *     own lander rule). Applied to every script alike: words are what the buyer separated with
 *     spaces; we do not reorder names written family-name first.</li>
 * <li>Each part is cut to at most 30 characters (Unicode code points), only at the boundary of a
 *     user-perceived character (so no surrogate pair, combining accent or emoji sequence is split),
 *     then spaces, hyphens, commas and periods left dangling by the cut are removed.</li>
 * </ol>
 */
public final class NameSplit {

    public static final int CRM_FIELD_LIMIT = 30;
    static final String EMPTY_FIRST = "Amazon";
    static final String EMPTY_LAST = "Customer";

    private NameSplit() {
    }

    public static BuyerName split(String name) {
        String clean = clean(name);
        if (clean.isEmpty()) {
            return new BuyerName(EMPTY_FIRST, EMPTY_LAST);
        }
        int space = clean.indexOf(' ');
        if (space < 0) {
            String word = fit(clean);
            return new BuyerName(word, word);
        }
        return new BuyerName(fit(clean.substring(0, space)), fit(clean.substring(space + 1)));
    }

    static String clean(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean pendingSpace = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** At most {@value #CRM_FIELD_LIMIT} code points, cut between graphemes, no separator dangling at the cut. */
    static String fit(String part) {
        if (part.codePointCount(0, part.length()) <= CRM_FIELD_LIMIT) {
            return part;
        }
        BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
        graphemes.setText(part);
        int end = 0;
        for (int next = graphemes.next(); next != BreakIterator.DONE; next = graphemes.next()) {
            if (part.codePointCount(0, next) > CRM_FIELD_LIMIT) {
                break;
            }
            end = next;
        }
        if (end == 0) { // one absurd grapheme longer than the field: cut by code points
            end = part.offsetByCodePoints(0, CRM_FIELD_LIMIT);
        }
        String cut = part.substring(0, end);
        int keep = cut.length();
        while (keep > 1 && " -,.".indexOf(cut.charAt(keep - 1)) >= 0) {
            keep--;
        }
        return cut.substring(0, keep);
    }
}
