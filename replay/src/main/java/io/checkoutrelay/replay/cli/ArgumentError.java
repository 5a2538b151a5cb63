package io.checkoutrelay.replay.cli;

/** A command line that cannot be run; the message names the argument and what is wrong with it. */
public final class ArgumentError extends RuntimeException {

    public ArgumentError(String message) {
        super(message);
    }
}
