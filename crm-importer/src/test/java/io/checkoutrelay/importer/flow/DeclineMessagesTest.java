package io.checkoutrelay.importer.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.checkoutrelay.schemas.DeclineClass;

/**
 * The buyer's sentence per decline: only CUSTOMER_ACTION (where a resubmission is a new attempt) asks
 * to try again; after any other decline a resubmission returns the same decline, so its sentence must
 * not promise that trying again, or an automatic retry, does anything.
 */
class DeclineMessagesTest {

    @ParameterizedTest
    @CsvSource({"TERMINAL,AmazonRejected", "CONSENT,token_expired", "INVALID_REQUEST,validation_error",
            "UNAVAILABLE,retry_budget_exhausted", "UNAVAILABLE,outcome_unsettled", "UNAVAILABLE,order_not_imported",
            "TERMINAL,order_declined", "CUSTOMER_ACTION,order_declined"})
    void saysNothingAboutTryingAgainWhenThatDoesNothing(DeclineClass declineClass, String reason) {
        String message = ResultRecords.decline(declineClass, reason).getMessage();

        assertThat(message).isNotBlank().doesNotContainIgnoringCase("try again")
                .doesNotContainIgnoringCase("retry").doesNotContainIgnoringCase("will retry");
    }

    @ParameterizedTest
    @CsvSource({"CUSTOMER_ACTION,InvalidPaymentMethod", "CUSTOMER_ACTION,ShippingAddressNotSet"})
    void asksForAnotherPaymentMethodWhereAResubmissionIsANewAttempt(DeclineClass declineClass, String reason) {
        assertThat(ResultRecords.decline(declineClass, reason).getMessage())
                .contains("choose another payment method").contains("try again");
    }

    @ParameterizedTest
    @CsvSource({"TERMINAL,order_declined", "UNAVAILABLE,order_not_imported"})
    void anUpsellWithoutItsOrderSaysTheOrderIsNotPlaced(DeclineClass declineClass, String reason) {
        assertThat(ResultRecords.decline(declineClass, reason).getMessage())
                .isEqualTo("This offer could not be added because your order has not been placed.");
    }
}
