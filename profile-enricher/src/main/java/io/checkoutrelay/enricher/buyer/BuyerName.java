package io.checkoutrelay.enricher.buyer;

/** First and last name as sent to the CRM: never empty, each at most {@link NameSplit#CRM_FIELD_LIMIT} characters. */
public record BuyerName(String firstName, String lastName) {
}
