package io.checkoutrelay.sandbox.crm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.script.Endpoint;
import io.checkoutrelay.sandbox.script.LiveSettings;
import io.checkoutrelay.sandbox.script.ScriptedResponse;

/**
 * {@code POST /upsale/import/}: adds a product to a COMPLETE order (replacing {@code replaceProductId}
 * when given). With {@code crm.merge-quantities} a product already on the order gets its quantity raised
 * instead of a line of its own. A declined upsell leaves the order as it was.
 */
@Component
class UpsaleImport implements CrmOperation {

    private final CrmOrderStore store;
    private final SaleScript script;
    private final LiveSettings settings;

    UpsaleImport(CrmOrderStore store, SaleScript script, LiveSettings settings) {
        this.store = store;
        this.script = script;
        this.settings = settings;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.UPSALE_IMPORT;
    }

    @Override
    public CrmReply handle(Map<String, String> params, Optional<ScriptedResponse> rule) {
        ParamCheck check = new ParamCheck(params).required("orderId").limits();
        ProductLine product = check.productLine("productId", "productQty", "productPrice");
        Long replaceProductId = check.positiveNumber("replaceProductId", false, ParamCheck.INVALID);
        String orderId = check.text("orderId");
        Optional<CrmOrder> existing = orderId == null ? Optional.empty() : store.find(orderId);
        if (orderId != null && existing.isEmpty()) {
            check.reject("orderId", ParamCheck.INVALID);
        }
        existing.filter(order -> order.payment() != null)
                .ifPresent(order -> check.required("amazonBillerId", "amazonOrderId", "amazonAddressConsent"));
        if (replaceProductId != null && existing.isPresent() && !existing.get().hasItem(replaceProductId)) {
            check.reject("replaceProductId", "is not on the order");
        }
        if (check.hasErrors()) {
            return CrmReply.invalid(check.errors());
        }
        if (existing.get().status() != OrderStatus.COMPLETE) {
            return CrmReply.error("Order " + orderId + " is " + existing.get().status()
                    + ": upsales can only be added to a COMPLETE order", "ERROR");
        }
        SaleVerdict verdict = script.decide(rule, List.of(product),
                "upsale/import:" + orderId + ":" + product.productId());
        if (verdict.changesNothing()) {
            return verdict.unchanged();
        }
        boolean merge = settings.current().crmMergeQuantities();
        return store.change(orderId, order -> apply(order, product, replaceProductId, merge, verdict))
                .orElseGet(() -> CrmReply.invalid(Map.of("orderId", ParamCheck.INVALID)));
    }

    private static CrmOrderStore.Changed<CrmReply> apply(CrmOrder order, ProductLine product, Long replaceProductId,
            boolean merge, SaleVerdict verdict) {
        CrmOrder changed = verdict.declines() ? order.upsaleAttempted()
                : order.withUpsale(OrderItem.sold(product), replaceProductId, merge);
        return new CrmOrderStore.Changed<>(changed, verdict.reply(changed));
    }
}
