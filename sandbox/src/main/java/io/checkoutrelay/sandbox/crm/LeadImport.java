package io.checkoutrelay.sandbox.crm;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.script.Endpoint;
import io.checkoutrelay.sandbox.script.ScriptedResponse;

/** {@code POST /leads/import/}: creates a PARTIAL order; no money moves. */
@Component
class LeadImport implements CrmOperation {

    private final CrmOrderStore store;

    LeadImport(CrmOrderStore store) {
        this.store = store;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.LEADS_IMPORT;
    }

    @Override
    public CrmReply handle(Map<String, String> params, Optional<ScriptedResponse> rule) {
        ParamCheck check = new ParamCheck(params).required("firstName", "lastName", "emailAddress").limits();
        Long campaignId = check.positiveNumber("campaignId", true, ParamCheck.INVALID);
        if (check.hasErrors()) {
            return CrmReply.invalid(check.errors());
        }
        Customer customer = new Customer(0, check.text("firstName"), check.text("lastName"),
                check.text("emailAddress"), check.text("phoneNumber"), check.addressFields());
        CrmOrder lead = store.create(campaignId, customer, UnaryOperator.identity());
        return CrmReply.success(OrderMessage.of(lead));
    }
}
