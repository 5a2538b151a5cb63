package io.checkoutrelay.replay.cli;

/** One record's place in a topic. */
public record Position(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
