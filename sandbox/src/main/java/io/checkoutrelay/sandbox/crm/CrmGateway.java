package io.checkoutrelay.sandbox.crm;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.SandboxProperties;
import io.checkoutrelay.sandbox.admin.InFlightCall;
import io.checkoutrelay.sandbox.admin.TrafficMonitor;
import io.checkoutrelay.sandbox.script.Endpoint;
import io.checkoutrelay.sandbox.script.LiveSettings;
import io.checkoutrelay.sandbox.script.Pause;
import io.checkoutrelay.sandbox.script.RuleBook;
import io.checkoutrelay.sandbox.script.ScriptedResponse;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every CRM call goes through here, in this order: recorded (and counted as in flight), 429 at once
 * when {@code crm.max-concurrent} calls are already being worked on, latency,
 * outage or failure rate (503 before any state is touched), POST + form body, credentials (body
 * only), runtime rules (else, for money calls, the gateway faults {@code crm.lost-reply-rate} and
 * {@code crm.late-commit-rate}), the invalid campaign 999, then the endpoint's own behaviour.
 */
@Component
class CrmGateway {

    static final String INVALID_LOGIN = "Invalid login credentials";
    static final String CREDENTIALS_IN_URL = "Credentials must be sent in the POST body, never in the URL";
    static final String POST_FORM_ONLY = "Send a POST with an application/x-www-form-urlencoded body";
    static final String INVALID_CAMPAIGN_ID = "999";
    static final int TOO_MANY_REQUESTS = 429;

    private final SandboxProperties.Crm credentials;
    private final LiveSettings settings;
    private final RuleBook rules;
    private final TrafficMonitor traffic;
    private final CrmAdmission admission;
    private final LateCommits lateCommits;
    private final JsonMapper jsonMapper;
    private final Map<Endpoint, CrmOperation> operations = new EnumMap<>(Endpoint.class);

    CrmGateway(SandboxProperties properties, LiveSettings settings, RuleBook rules, TrafficMonitor traffic,
            CrmAdmission admission, LateCommits lateCommits, JsonMapper jsonMapper, List<CrmOperation> operations) {
        this.credentials = properties.crm();
        this.settings = settings;
        this.rules = rules;
        this.traffic = traffic;
        this.admission = admission;
        this.lateCommits = lateCommits;
        this.jsonMapper = jsonMapper;
        operations.forEach(operation -> this.operations.put(operation.endpoint(), operation));
    }

    ResponseEntity<String> handle(Endpoint endpoint, HttpServletRequest request) throws IOException {
        FormRequest form = FormRequest.read(request);
        try (InFlightCall call = traffic.begin(endpoint, form.method(), form.body(), form.query())) {
            if (!admission.tryEnter(settings.current().crmMaxConcurrent())) {
                CrmReply busy = CrmReply.httpError(TOO_MANY_REQUESTS);
                call.answered(busy.status(), busy.outcome());
                return busy.toResponse(jsonMapper);
            }
            try {
                CrmReply reply = process(endpoint, form);
                Pause.sleep(reply.delay());
                call.answered(reply.status(), reply.outcome());
                return reply.toResponse(jsonMapper);
            } finally {
                admission.leave();
            }
        }
    }

    private CrmReply process(Endpoint endpoint, FormRequest form) {
        long arrived = System.nanoTime();
        Pause.sleep(settings.current().crmLatency());
        if (settings.crmUnavailable()) {
            return CrmReply.httpError(503);
        }
        if (form.query().containsKey("loginId") || form.query().containsKey("password")) {
            return CrmReply.error(CREDENTIALS_IN_URL, "LOGIN_ERROR");
        }
        if (!form.isPost() || !form.formEncoded()) {
            return CrmReply.error(POST_FORM_ONLY, "ERROR");
        }
        Map<String, String> params = form.body();
        if (!credentials.loginId().equals(params.get("loginId"))
                || !credentials.password().equals(params.get("password"))) {
            return CrmReply.error(INVALID_LOGIN, "LOGIN_ERROR");
        }
        Optional<ScriptedResponse> rule = rules.consume(endpoint, params);
        if (rule.isEmpty() && endpoint.movesMoney()) {
            rule = settings.gatewayFault();
        }
        if (rule.isPresent() && !rule.get().afterApply()) {
            Pause.sleep(Duration.ofMillis(rule.get().delayMillis()));
        }
        if (rule.isPresent() && rule.get().replacesAnswer()) {
            return answeredByTheGateway(endpoint, params, rule.get(), arrived);
        }
        CrmReply reply = apply(endpoint, params, rule);
        boolean delayAfterApplyUnused = rule.isPresent() && rule.get().afterApply() && !endpoint.movesMoney();
        return delayAfterApplyUnused ? reply.delayedBy(Duration.ofMillis(rule.get().delayMillis())) : reply;
    }

    /**
     * A scripted answer; when the CRM behind the gateway still processes the call, it does so now (the
     * reply is lost after the commit) or {@code commitAfterMillis} after the call arrived (504-then-commit).
     */
    private CrmReply answeredByTheGateway(Endpoint endpoint, Map<String, String> params, ScriptedResponse respond,
            long arrived) {
        if (respond.appliesBehindTheAnswer() && respond.afterApply()) {
            apply(endpoint, params, Optional.empty());
            return scripted(respond).delayedBy(Duration.ofMillis(respond.delayMillis()));
        }
        if (respond.appliesBehindTheAnswer()) {
            Duration sinceArrival = Duration.ofNanos(System.nanoTime() - arrived);
            lateCommits.schedule(() -> apply(endpoint, params, Optional.empty()),
                    Duration.ofMillis(respond.commitAfterMillis()).minus(sinceArrival));
        }
        return scripted(respond);
    }

    private CrmReply apply(Endpoint endpoint, Map<String, String> params, Optional<ScriptedResponse> rule) {
        if (INVALID_CAMPAIGN_ID.equals(params.get("campaignId"))) {
            return CrmReply.invalid(Map.of("campaignId", "Invalid campaign"));
        }
        return operations.get(endpoint).handle(params, rule);
    }

    private static CrmReply scripted(ScriptedResponse respond) {
        if (respond.status() != null) {
            return CrmReply.httpError(respond.status());
        }
        if (respond.nonJson()) {
            return CrmReply.nonJson();
        }
        if (respond.redirectUrl() != null) {
            return CrmReply.redirect(respond.redirectUrl());
        }
        if (respond.success() != null) {
            return CrmReply.success(respond.success());
        }
        return CrmReply.error(respond.error(), "ERROR");
    }
}
