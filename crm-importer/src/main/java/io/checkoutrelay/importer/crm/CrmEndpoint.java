package io.checkoutrelay.importer.crm;

/** The CheckoutChamp calls the importer makes; the money-moving ones never get a blind retry. */
public enum CrmEndpoint {
    LEADS_IMPORT("/leads/import/", false),
    ORDER_IMPORT("/order/import/", true),
    UPSALE_IMPORT("/upsale/import/", true),
    ORDER_QUERY("/order/query/", false);

    private final String path;
    private final boolean movesMoney;

    CrmEndpoint(String path, boolean movesMoney) {
        this.path = path;
        this.movesMoney = movesMoney;
    }

    public String path() {
        return path;
    }

    public boolean movesMoney() {
        return movesMoney;
    }

    /** A metric tag value such as {@code order_import}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
