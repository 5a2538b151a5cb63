package io.checkoutrelay.sandbox.crm;

import java.io.IOException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.checkoutrelay.sandbox.script.Endpoint;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The CheckoutChamp endpoints, with and without the trailing slash. Every method is accepted here so
 * that a GET gets the CRM's own error envelope rather than a framework 405.
 */
@RestController
class CrmController {

    private final CrmGateway gateway;

    CrmController(CrmGateway gateway) {
        this.gateway = gateway;
    }

    @RequestMapping({"/leads/import/", "/leads/import"})
    ResponseEntity<String> importLead(HttpServletRequest request) throws IOException {
        return gateway.handle(Endpoint.LEADS_IMPORT, request);
    }

    @RequestMapping({"/order/import/", "/order/import"})
    ResponseEntity<String> importOrder(HttpServletRequest request) throws IOException {
        return gateway.handle(Endpoint.ORDER_IMPORT, request);
    }

    @RequestMapping({"/upsale/import/", "/upsale/import"})
    ResponseEntity<String> importUpsale(HttpServletRequest request) throws IOException {
        return gateway.handle(Endpoint.UPSALE_IMPORT, request);
    }

    @RequestMapping({"/order/query/", "/order/query"})
    ResponseEntity<String> queryOrders(HttpServletRequest request) throws IOException {
        return gateway.handle(Endpoint.ORDER_QUERY, request);
    }
}
