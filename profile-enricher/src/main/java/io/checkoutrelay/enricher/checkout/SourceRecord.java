package io.checkoutrelay.enricher.checkout;

/** Where an input record came from: kept in declines so an operator's replay finds it. */
public record SourceRecord(String topic, int partition, long offset) {
}
