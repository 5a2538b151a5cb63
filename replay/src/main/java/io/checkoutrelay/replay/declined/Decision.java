package io.checkoutrelay.replay.declined;

/** What to do with a checkout's latest decline: replay it, or skip it and say why. */
public record Decision(DeclineAt decline, boolean replay, String why) {

    static Decision replay(DeclineAt decline) {
        return new Decision(decline, true, null);
    }

    static Decision skip(DeclineAt decline, String why) {
        return new Decision(decline, false, why);
    }
}
