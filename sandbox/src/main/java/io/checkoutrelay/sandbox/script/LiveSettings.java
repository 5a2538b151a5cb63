package io.checkoutrelay.sandbox.script;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.Resettable;
import io.checkoutrelay.sandbox.SandboxProperties;

/** The settings in force: the configured ones until changed through {@code POST /sandbox/settings}. */
@Component
public class LiveSettings implements Resettable {

    private final Settings configured;
    private final AtomicReference<Settings> current;

    public LiveSettings(SandboxProperties properties) {
        this.configured = Settings.from(properties);
        this.current = new AtomicReference<>(configured);
    }

    public Settings current() {
        return current.get();
    }

    /** Applies every change or none: an unknown key or a bad value leaves the settings as they were. */
    public Settings apply(Map<String, Object> changes) {
        return current.updateAndGet(settings -> {
            Settings changed = settings;
            for (Map.Entry<String, Object> change : changes.entrySet()) {
                changed = changed.with(change.getKey(), change.getValue());
            }
            return changed;
        });
    }

    /** True when this CRM call must answer 503 before touching any state (outage or failure rate). */
    public boolean crmUnavailable() {
        Settings settings = current();
        return settings.crmOutage() || hits(settings.crmFailureRate());
    }

    /**
     * What the CRM's gateway does to a money-moving call no rule scripted: by {@code crm.lost-reply-rate}
     * the call is committed and answered 502 (the reply is lost), by {@code crm.late-commit-rate} it is
     * answered 504 at once and committed {@code crm.late-commit-delay} after it arrived; else nothing.
     */
    public Optional<ScriptedResponse> gatewayFault() {
        Settings settings = current();
        if (settings.crmLostReplyRate() == 0 && settings.crmLateCommitRate() == 0) {
            return Optional.empty();
        }
        double draw = ThreadLocalRandom.current().nextDouble();
        if (draw < settings.crmLostReplyRate()) {
            return Optional.of(ScriptedResponse.lostReply(502));
        }
        if (draw < settings.crmLostReplyRate() + settings.crmLateCommitRate()) {
            return Optional.of(ScriptedResponse.lateCommit(504,
                    Math.max(1, settings.crmLateCommitDelay().toMillis())));
        }
        return Optional.empty();
    }

    /** True when this Amazon call must answer 503 (failure rate). */
    public boolean amazonUnavailable() {
        return hits(current().amazonFailureRate());
    }

    /** True when this Amazon call must answer 429 (throttle rate), as Login with Amazon does over its quota. */
    public boolean amazonThrottled() {
        return hits(current().amazonThrottleRate());
    }

    @Override
    public void reset() {
        current.set(configured);
    }

    private static boolean hits(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
