package io.checkoutrelay.sandbox.script;

import java.util.Arrays;
import java.util.Optional;

/** Every endpoint the sandbox answers as an external API, named as in rules and read-back. */
public enum Endpoint {
    LEADS_IMPORT("leads/import", Api.CRM, false),
    ORDER_IMPORT("order/import", Api.CRM, true),
    UPSALE_IMPORT("upsale/import", Api.CRM, true),
    ORDER_QUERY("order/query", Api.CRM, false),
    TOKENINFO("auth/o2/tokeninfo", Api.AMAZON, false),
    PROFILE("user/profile", Api.AMAZON, false);

    private final String path;
    private final Api api;
    private final boolean movesMoney;

    Endpoint(String path, Api api, boolean movesMoney) {
        this.path = path;
        this.api = api;
        this.movesMoney = movesMoney;
    }

    /** The name used in rules and read-back, e.g. {@code order/import}. */
    public String path() {
        return path;
    }

    public Api api() {
        return api;
    }

    /** True for calls that charge the buyer (Import Order, Import Upsale): the ones that can be declined. */
    public boolean movesMoney() {
        return movesMoney;
    }

    /** Finds an endpoint by name, tolerating leading and trailing slashes. */
    public static Optional<Endpoint> byPath(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String trimmed = name.strip().replaceAll("^/+", "").replaceAll("/+$", "");
        return Arrays.stream(values()).filter(endpoint -> endpoint.path.equals(trimmed)).findFirst();
    }
}
