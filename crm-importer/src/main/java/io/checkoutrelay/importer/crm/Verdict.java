package io.checkoutrelay.importer.crm;

import io.checkoutrelay.schemas.DeclineClass;

/**
 * What a CRM answer to Import Order / Import Upsale means for the checkout.
 *
 * @param kind         the decision
 * @param declineClass set for DECLINED
 * @param reason       machine-readable reason (Amazon reason code, validation_error, ...)
 */
public record Verdict(Kind kind, DeclineClass declineClass, String reason) {

    /** The decisions. */
    public enum Kind {
        /** The CRM charged it: record IMPORTED. */
        IMPORTED,
        /** A definite decline: nothing was charged, do not retry. */
        DECLINED,
        /** A definite, transient decline (ProcessingFailure, TransactionTimedOut): nothing charged, send again later. */
        RETRY,
        /** Nothing applied (circuit open, rate limited, or the CRM answered 429 before working on it): send again later. */
        NOT_SENT,
        /** Timeout, 5xx, unreadable body: it may or may not have been charged; Order Query decides. */
        UNKNOWN
    }

    static Verdict of(Kind kind) {
        return new Verdict(kind, null, null);
    }

    static Verdict declined(DeclineClass declineClass, String reason) {
        return new Verdict(Kind.DECLINED, declineClass, reason);
    }

    static Verdict retry(String reason) {
        return new Verdict(Kind.RETRY, null, reason);
    }
}
