package io.checkoutrelay.keyed;

/** Where a keyed consumer's loop is; only {@link #CONSUMING} is ready. */
public enum LoopState {
    STARTING, WAITING_FOR_TOPIC, CONSUMING, RESTARTING, STOPPED
}
