package io.checkoutrelay.sandbox;

/** A component holding sandbox state that {@code POST /sandbox/reset} clears. */
public interface Resettable {

    void reset();
}
