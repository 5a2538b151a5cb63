package io.checkoutrelay.sandbox.crm;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import io.checkoutrelay.sandbox.script.Endpoint;
import io.checkoutrelay.sandbox.script.ScriptedResponse;

/**
 * {@code POST /order/query/}: orders by {@code orderId}, or by date range ({@code startDate},
 * {@code endDate} as m/d/Y) with optional {@code orderStatus}, {@code campaignId}, {@code customerId},
 * {@code emailAddress}; paged with {@code resultsPerPage} and {@code page}.
 */
@Component
class OrderQuery implements CrmOperation {

    static final String NO_MATCH = "No orders matching those parameters could be found";
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");
    private static final int DEFAULT_PAGE_SIZE = 25;
    private static final int MAX_PAGE_SIZE = 200;

    private final CrmOrderStore store;

    OrderQuery(CrmOrderStore store) {
        this.store = store;
    }

    @Override
    public Endpoint endpoint() {
        return Endpoint.ORDER_QUERY;
    }

    @Override
    public CrmReply handle(Map<String, String> params, Optional<ScriptedResponse> rule) {
        ParamCheck check = new ParamCheck(params);
        String orderId = check.text("orderId");
        Predicate<CrmOrder> filter = order -> orderId == null || order.orderId().equals(orderId);
        if (orderId == null) {
            check.required("startDate", "endDate");
            LocalDate start = date(check, "startDate");
            LocalDate end = date(check, "endDate");
            if (start != null && end != null) {
                filter = filter.and(order -> {
                    LocalDate created = order.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
                    return !created.isBefore(start) && !created.isAfter(end);
                });
            }
        }
        filter = filter.and(equalIfGiven(check.text("orderStatus"), order -> order.status().name()))
                .and(equalIfGiven(check.text("campaignId"), order -> String.valueOf(order.campaignId())))
                .and(equalIfGiven(check.text("customerId"), order -> String.valueOf(order.customer().customerId())))
                .and(equalIfGiven(check.text("emailAddress"), order -> order.customer().emailAddress()));
        int pageSize = Math.min(MAX_PAGE_SIZE, pageNumber(check, "resultsPerPage", DEFAULT_PAGE_SIZE));
        int page = pageNumber(check, "page", 1);
        if (check.hasErrors()) {
            return CrmReply.invalid(check.errors());
        }
        List<CrmOrder> matching = orderId != null
                ? store.find(orderId).filter(filter).stream().toList()
                : store.all().stream().filter(filter).toList();
        if (matching.isEmpty()) {
            return CrmReply.error(NO_MATCH, "NOT_FOUND");
        }
        List<Map<String, Object>> data = matching.stream()
                .skip((long) (page - 1) * pageSize)
                .limit(pageSize)
                .map(OrderMessage::of)
                .toList();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("totalResults", matching.size());
        message.put("resultsPerPage", pageSize);
        message.put("page", page);
        message.put("data", data);
        return CrmReply.success(message);
    }

    private static Predicate<CrmOrder> equalIfGiven(String wanted, Function<CrmOrder, String> value) {
        return order -> wanted == null || wanted.equalsIgnoreCase(value.apply(order));
    }

    private static LocalDate date(ParamCheck check, String name) {
        String text = check.text(name);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim(), US_DATE);
        } catch (DateTimeParseException e) {
            check.reject(name, "must be a date as m/d/Y");
            return null;
        }
    }

    private static int pageNumber(ParamCheck check, String name, int fallback) {
        Long number = check.positiveNumber(name, false, ParamCheck.INVALID);
        return number == null ? fallback : (int) Math.min(Integer.MAX_VALUE, number);
    }
}
