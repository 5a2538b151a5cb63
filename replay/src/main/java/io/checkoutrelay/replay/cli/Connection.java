package io.checkoutrelay.replay.cli;

/** Where the broker and the schema registry are. */
public record Connection(String bootstrapServers, String registryUrl) {
}
