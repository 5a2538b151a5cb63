package io.checkoutrelay.sandbox.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.checkoutrelay.sandbox.Resettable;
import io.checkoutrelay.sandbox.crm.CrmOrder;
import io.checkoutrelay.sandbox.crm.CrmOrderStore;
import io.checkoutrelay.sandbox.crm.OrderMessage;
import io.checkoutrelay.sandbox.script.Api;
import io.checkoutrelay.sandbox.script.LiveSettings;
import io.checkoutrelay.sandbox.script.Rule;
import io.checkoutrelay.sandbox.script.RuleBook;
import io.checkoutrelay.sandbox.script.RuleRequest;

/** Read-back and control of the sandbox for tests and benchmarks, under {@code /sandbox}. */
@RestController
@RequestMapping("/sandbox")
class AdminController {

    private final CallLog callLog;
    private final TrafficMonitor traffic;
    private final CrmOrderStore orders;
    private final RuleBook rules;
    private final LiveSettings settings;
    private final List<Resettable> resettables;

    AdminController(CallLog callLog, TrafficMonitor traffic, CrmOrderStore orders, RuleBook rules,
            LiveSettings settings, List<Resettable> resettables) {
        this.callLog = callLog;
        this.traffic = traffic;
        this.orders = orders;
        this.rules = rules;
        this.settings = settings;
        this.resettables = resettables;
    }

    @GetMapping("/calls")
    List<RecordedCall> calls(@RequestParam(required = false) String endpoint,
            @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit: must be zero or more");
        }
        return callLog.list(endpoint, after, limit);
    }

    @GetMapping("/orders")
    List<Map<String, Object>> orders() {
        return orders.all().stream().map(OrderMessage::adminView).toList();
    }

    @GetMapping("/orders/{orderId}")
    ResponseEntity<Map<String, Object>> order(@PathVariable String orderId) {
        return orders.find(orderId)
                .map(order -> ResponseEntity.ok(OrderMessage.adminView(order)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("no order " + orderId)));
    }

    @GetMapping("/stats")
    Map<String, Object> stats() {
        Map<String, Long> byStatus = new TreeMap<>();
        for (CrmOrder order : orders.all()) {
            byStatus.merge(order.status().name(), 1L, Long::sum);
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("crm", traffic.snapshot(Api.CRM));
        stats.put("amazon", traffic.snapshot(Api.AMAZON));
        stats.put("ordersByStatus", byStatus);
        return stats;
    }

    @PostMapping("/reset")
    Map<String, Object> reset() {
        resettables.forEach(Resettable::reset);
        return Map.of("reset", true, "settings", settings.current().asMap());
    }

    @GetMapping("/settings")
    Map<String, Object> settings() {
        return settings.current().asMap();
    }

    @PostMapping("/settings")
    Map<String, Object> changeSettings(@RequestBody Map<String, Object> changes) {
        return settings.apply(changes).asMap();
    }

    @GetMapping("/rules")
    List<Map<String, Object>> rules() {
        return rules.list().stream().map(AdminController::ruleView).toList();
    }

    @PostMapping("/rules")
    ResponseEntity<Map<String, Object>> addRule(@RequestBody RuleRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ruleView(rules.add(request)));
    }

    @DeleteMapping("/rules")
    Map<String, Object> clearRules() {
        rules.reset();
        return Map.of("rules", List.of());
    }

    @DeleteMapping("/rules/{id}")
    ResponseEntity<Map<String, Object>> removeRule(@PathVariable long id) {
        return rules.remove(id) ? ResponseEntity.ok(Map.of("removed", id))
                : ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("no rule " + id));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(error(e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        String cause = String.valueOf(e.getMostSpecificCause().getMessage()).lines().findFirst().orElse("");
        return ResponseEntity.badRequest().body(error("the body is not the JSON this endpoint expects: " + cause));
    }

    private static Map<String, Object> ruleView(Rule rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", rule.id());
        view.put("endpoint", rule.endpoint().path());
        view.put("match", Redaction.redact(rule.match()));
        view.put("remaining", rule.remaining());
        view.put("respond", rule.respond());
        return view;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }
}
