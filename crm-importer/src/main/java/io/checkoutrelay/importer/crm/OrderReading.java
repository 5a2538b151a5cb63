package io.checkoutrelay.importer.crm;

import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * What one Order Query answer says about the order the importer asked for. Only a row of that very
 * order with a known status says something; anything else (an error, "no orders matching", an empty
 * or unreadable page, another order's row, a blank or unknown status) is {@link Odd}: it says nothing,
 * and in particular never "PARTIAL, safe to send again".
 */
public sealed interface OrderReading {

    /** The CRM holds the sale. */
    record Complete(CrmOrderView order) implements OrderReading {
        public String tag() {
            return "complete";
        }
    }

    /** The order exists and holds no sale. */
    record Partial(CrmOrderView order) implements OrderReading {
        public String tag() {
            return "partial";
        }
    }

    /** The order was declined (by this attempt or an earlier one). */
    record Declined(CrmOrderView order) implements OrderReading {
        public String tag() {
            return "declined";
        }
    }

    /** REFUNDED or CANCELLED: settled, but not a sale this checkout can use. */
    record Closed(String status) implements OrderReading {
        public String tag() {
            return status.toLowerCase(Locale.ROOT);
        }
    }

    /** An answer that says nothing about the order; {@code why} for the log. */
    record Odd(String why) implements OrderReading {
        public String tag() {
            return "odd";
        }
    }

    /** Reads a query answer for {@code orderId} (the call's result, whatever it was). */
    static OrderReading of(CrmResult result, String orderId) {
        if (!result.succeeded()) {
            return new Odd(result.noMatchingOrder() ? "no order matching " + orderId
                    : "query answered " + result.outcome() + ": " + result.rawMessage());
        }
        Optional<CrmOrderView> row = rowOf(result.message(), orderId);
        if (row.isEmpty()) {
            return new Odd("no row for order " + orderId + " in the reply");
        }
        String status = row.get().orderStatus() == null ? "" : row.get().orderStatus().trim().toUpperCase(Locale.ROOT);
        return switch (status) {
            case "COMPLETE" -> new Complete(row.get());
            case "PARTIAL" -> new Partial(row.get());
            case "DECLINED" -> new Declined(row.get());
            case "REFUNDED", "CANCELLED" -> new Closed(status);
            default -> new Odd("order " + orderId + " has status '" + status + "'");
        };
    }

    /** The metric tag of this reading, e.g. {@code partial}. */
    String tag();

    /**
     * The order holds no charge: PARTIAL, or DECLINED (a declined CRM order holds none, and the CRM takes
     * another Import Order into it, as for the buyer's next card). Order Query never says why a decline
     * happened, so a DECLINED reading is not taken as this attempt's decline: once "not charged" was read
     * twice far enough apart, Import Order goes out again and its answer gives the decline its class and
     * reason (CUSTOMER_ACTION stays CUSTOMER_ACTION), or is the one charge.
     */
    default boolean notCharged() {
        return this instanceof Partial || this instanceof Declined;
    }

    private static Optional<CrmOrderView> rowOf(JsonNode message, String orderId) {
        JsonNode data = message == null ? null : message.path("data");
        if (data == null || !data.isArray()) {
            return Optional.empty();
        }
        for (JsonNode row : data) {
            if (row.isObject() && orderId.equals(row.path("orderId").asString(null))) {
                return Optional.of(CrmOrderView.from(row));
            }
        }
        return Optional.empty();
    }
}
