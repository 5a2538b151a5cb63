package io.checkoutrelay.sandbox.crm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.admin.Redaction;
import io.checkoutrelay.sandbox.script.Endpoint;
import io.checkoutrelay.sandbox.script.ScriptedResponse;

/**
 * {@code POST /order/import/}: with the {@code orderId} of a PARTIAL or DECLINED order, turns it into
 * a sale; without one (or when a rule says {@code newOrder}), creates a new order. Only
 * {@code paySource=AMAZON} is accepted.
 */
@Component
class OrderImport implements CrmOperation {

    private final CrmOrderStore store;
    private final SaleScript script;

    OrderImport(CrmOrderStore store, SaleScript script) {
        this.store = store;
        this.script = script;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.ORDER_IMPORT;
    }

    @Override
    public CrmReply handle(Map<String, String> params, Optional<ScriptedResponse> rule) {
        ParamCheck check = new ParamCheck(params)
                .required("firstName", "lastName", "emailAddress", "paySource")
                .limits();
        Long campaignId = check.positiveNumber("campaignId", true, ParamCheck.INVALID);
        List<ProductLine> products = check.productLines();
        String paySource = check.text("paySource");
        if (paySource != null && !paySource.equals("AMAZON")) {
            check.reject("paySource", "must be AMAZON");
        }
        check.required("amazonBillerId", "amazonOrderId", "amazonAddressConsent");
        String orderId = check.text("orderId");
        if (orderId != null && store.find(orderId).isEmpty()) {
            check.reject("orderId", ParamCheck.INVALID);
        }
        if (check.hasErrors()) {
            return CrmReply.invalid(check.errors());
        }
        SaleDetails sale = new SaleDetails(campaignId, customer(check), products, payment(check));
        String firstTimeKey = "order/import:" + (orderId != null ? orderId : "amazon:" + check.text("amazonOrderId"));
        SaleVerdict verdict = script.decide(rule, products, firstTimeKey);
        if (verdict.changesNothing()) {
            return verdict.unchanged();
        }
        boolean intoNewOrder = rule.map(ScriptedResponse::newOrder).orElse(false);
        if (orderId == null || intoNewOrder) {
            CrmOrder created = store.create(campaignId, sale.customer(),
                    order -> verdict.declines() ? order.declined(sale, verdict.declineReason()) : order.sold(sale));
            return verdict.reply(created);
        }
        return store.change(orderId, order -> apply(order, sale, verdict))
                .orElseGet(() -> CrmReply.invalid(Map.of("orderId", ParamCheck.INVALID)));
    }

    private static CrmOrderStore.Changed<CrmReply> apply(CrmOrder order, SaleDetails sale, SaleVerdict verdict) {
        CrmOrder changed;
        if (order.status() == OrderStatus.COMPLETE) {
            // No duplicate protection, as in the real CRM: a repeated import charges the buyer again.
            changed = verdict.declines() ? order.importAttempted() : order.chargedAgain();
        } else {
            changed = verdict.declines() ? order.declined(sale, verdict.declineReason()) : order.sold(sale);
        }
        return new CrmOrderStore.Changed<>(changed, verdict.reply(changed));
    }

    private static Customer customer(ParamCheck check) {
        return new Customer(0, check.text("firstName"), check.text("lastName"), check.text("emailAddress"),
                check.text("phoneNumber"), check.addressFields());
    }

    private static AmazonPayment payment(ParamCheck check) {
        return new AmazonPayment(check.text("amazonBillerId"), check.text("amazonOrderId"),
                Redaction.fingerprint(check.text("amazonAddressConsent")));
    }
}
