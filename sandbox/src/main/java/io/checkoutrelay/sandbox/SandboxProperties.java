package io.checkoutrelay.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code sandbox.*} property with its default. Each one can also be given as an environment
 * variable (relaxed binding: {@code SANDBOX_CRM_LATENCY=300ms}).
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(@DefaultValue Amazon amazon, @DefaultValue Crm crm, @DefaultValue Calls calls) {

    /** Login with Amazon stand-in. */
    public record Amazon(
            @DefaultValue("amzn1.application-oa2-client.checkout-relay-local") String clientId,
            @DefaultValue("amzn1.application.checkout-relay-local") String appId,
            @DefaultValue("0ms") Duration latency,
            @DefaultValue("0") double failureRate,
            @DefaultValue("0") double throttleRate,
            @DefaultValue("35s") Duration slowDelay) {
    }

    /** CheckoutChamp stand-in. */
    public record Crm(
            @DefaultValue("relay-local") String loginId,
            @DefaultValue("relay-local-password") String password,
            @DefaultValue("0ms") Duration latency,
            @DefaultValue("0") double failureRate,
            @DefaultValue("false") boolean outage,
            @DefaultValue("35s") Duration timeoutDelay,
            @DefaultValue("0") int maxConcurrent,
            @DefaultValue("false") boolean mergeQuantities,
            @DefaultValue("0") double lostReplyRate,
            @DefaultValue("0") double lateCommitRate,
            @DefaultValue("3s") Duration lateCommitDelay) {
    }

    /** Read-back of received calls. */
    public record Calls(@DefaultValue("100000") int maxRecorded) {
    }
}
