package io.checkoutrelay.sandbox.crm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.script.LiveSettings;
import io.checkoutrelay.sandbox.script.ScriptedResponse;

/** Decides the outcome of a money-moving call from a matching rule, else from the product markers. */
@Component
class SaleScript {

    private final LiveSettings settings;
    private final CrmOrderStore store;

    SaleScript(LiveSettings settings, CrmOrderStore store) {
        this.settings = settings;
        this.store = store;
    }

    /**
     * @param rule          a rule that matched this call and did not already answer it (a decline or a delay)
     * @param products      the products of the call
     * @param firstTimeKey  identifies "the same order" for the decline-once marker
     */
    SaleVerdict decide(Optional<ScriptedResponse> rule, List<ProductLine> products, String firstTimeKey) {
        if (rule.isPresent()) {
            ScriptedResponse scripted = rule.get();
            SaleVerdict verdict = scripted.declines() ? SaleVerdict.decline(scripted.declineReason())
                    : fromMarkers(products, firstTimeKey);
            return scripted.afterApply() ? verdict.answeredAfter(Duration.ofMillis(scripted.delayMillis()))
                    : verdict;
        }
        return fromMarkers(products, firstTimeKey);
    }

    private SaleVerdict fromMarkers(List<ProductLine> products, String firstTimeKey) {
        return ProductMarker.firstIn(products)
                .map(marked -> verdictFor(marked, firstTimeKey))
                .orElseGet(SaleVerdict::charge);
    }

    private SaleVerdict verdictFor(ProductMarker.Marked marked, String firstTimeKey) {
        return switch (marked.marker()) {
            case INVALID_PAYMENT_METHOD -> SaleVerdict.decline(DeclineReasons.INVALID_PAYMENT_METHOD);
            case AMAZON_REJECTED -> SaleVerdict.decline(DeclineReasons.AMAZON_REJECTED);
            case PROCESSING_FAILURE -> SaleVerdict.decline(DeclineReasons.PROCESSING_FAILURE);
            case TRANSACTION_TIMED_OUT -> SaleVerdict.decline(DeclineReasons.TRANSACTION_TIMED_OUT);
            case DECLINE_FIRST_ATTEMPT -> store.firstTime(firstTimeKey)
                    ? SaleVerdict.decline(DeclineReasons.INVALID_PAYMENT_METHOD)
                    : SaleVerdict.charge();
            case INVALID_PRODUCT -> SaleVerdict.answerWithoutChange(
                    CrmReply.invalid(Map.of(marked.line().idParam(), ParamCheck.INVALID_PRODUCT)));
            case SERVICE_UNAVAILABLE -> SaleVerdict.answerWithoutChange(CrmReply.httpError(503));
            case TIMEOUT_BEFORE_CHANGE -> SaleVerdict.answerWithoutChange(
                    CrmReply.httpError(504).delayedBy(settings.current().crmTimeoutDelay()));
            case TIMEOUT_AFTER_CHANGE -> SaleVerdict.charge().answeredAfter(settings.current().crmTimeoutDelay());
            case NON_JSON -> SaleVerdict.answerWithoutChange(CrmReply.nonJson());
            case MERCHANT_REDIRECT -> SaleVerdict.answerWithoutChange(CrmReply.redirect(ProductMarker.REDIRECT_URL));
        };
    }
}
