package io.checkoutrelay.sandbox.admin;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.Resettable;
import io.checkoutrelay.sandbox.script.Api;
import io.checkoutrelay.sandbox.script.Endpoint;

/** Records every call of both APIs: the call log, counts by outcome, current and peak concurrency. */
@Component
public class TrafficMonitor implements Resettable {

    private final CallLog callLog;
    private final Map<Api, ConcurrencyGauge> gauges = new EnumMap<>(Api.class);
    private final Map<Api, CallStats> stats = new EnumMap<>(Api.class);

    public TrafficMonitor(CallLog callLog) {
        this.callLog = callLog;
        for (Api api : Api.values()) {
            gauges.put(api, new ConcurrencyGauge());
            stats.put(api, new CallStats());
        }
    }

    /** Starts a call: counts it as in flight and records it (parameters redacted) before anything else happens. */
    public InFlightCall begin(Endpoint endpoint, String method, Map<String, String> params, Map<String, String> query) {
        gauges.get(endpoint.api()).enter();
        RecordedCall call = callLog.received(new RecordedCall(0, endpoint.api(), endpoint.path(), method,
                Instant.now(), null, null, null, RecordedParams.redacted(params), RecordedParams.redacted(query)));
        return new InFlightCall(this, call, System.nanoTime());
    }

    public TrafficSnapshot snapshot(Api api) {
        ConcurrencyGauge gauge = gauges.get(api);
        return new TrafficSnapshot(gauge.current(), gauge.peak(), stats.get(api).snapshot());
    }

    @Override
    public void reset() {
        gauges.values().forEach(ConcurrencyGauge::resetPeak);
        stats.values().forEach(CallStats::reset);
    }

    void recordAnswer(RecordedCall call, int status, String outcome, long millis) {
        callLog.answered(call, status, outcome, millis);
        stats.get(call.api()).count(call.endpoint(), outcome);
    }

    void leave(Api api) {
        gauges.get(api).leave();
    }
}
