package io.checkoutrelay.importer.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Only a row of the order asked for, with a known status, says anything; nothing odd ever reads PARTIAL. */
class OrderReadingTest {

    private final CrmResponseParser parser = new CrmResponseParser(JsonMapper.builder().build());

    private OrderReading read(int status, String body) {
        return OrderReading.of(parser.parse(status, body, List.of()), "AB12CD34EF");
    }

    @Test
    void aRowOfTheOrderWithAKnownStatusSaysWhatItIs() {
        assertThat(read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"PARTIAL\"}")))
                .isInstanceOf(OrderReading.Partial.class);
        assertThat(read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"complete\",\"items\":"
                + "[{\"productId\":205,\"qty\":2},{\"productId\":205,\"qty\":1}]}")))
                .isInstanceOfSatisfying(OrderReading.Complete.class,
                        complete -> assertThat(complete.order().quantityOf(205)).isEqualTo(3));
        assertThat(read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"DECLINED\"}")))
                .isInstanceOf(OrderReading.Declined.class);
        assertThat(read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"REFUNDED\"}")))
                .isEqualTo(new OrderReading.Closed("REFUNDED"));
    }

    @Test
    void anythingElseIsOddNeverPartial() {
        List<OrderReading> odd = List.of(
                read(200, "{\"result\":\"SUCCESS\",\"message\":{\"totalResults\":0,\"data\":[]}}"),
                read(200, "{\"result\":\"SUCCESS\",\"message\":{}}"),
                read(200, "{\"result\":\"SUCCESS\",\"message\":\"ok\"}"),
                read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"\"}")),
                read(200, page("{\"orderId\":\"AB12CD34EF\"}")),
                read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"HELD\"}")),
                read(200, page("{\"orderId\":\"ZZ99ZZ99ZZ\",\"orderStatus\":\"PARTIAL\"}")),
                read(200, "{\"result\":\"ERROR\",\"message\":\"No orders matching those parameters could be found\"}"),
                read(200, "<html>Bad Gateway</html>"),
                read(502, "<html>502</html>"));

        assertThat(odd).hasSize(10).allSatisfy(reading -> assertThat(reading).isInstanceOf(OrderReading.Odd.class));
        assertThat(odd).noneMatch(OrderReading::notCharged);
    }

    @Test
    void partialAndDeclinedHoldNoChargeAndSayNothingOfWhy() {
        assertThat(read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"PARTIAL\"}")).notCharged()).isTrue();
        assertThat(read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"DECLINED\"}")).notCharged()).isTrue();
        assertThat(read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"COMPLETE\"}")).notCharged()).isFalse();
        assertThat(read(200, page("{\"orderId\":\"AB12CD34EF\",\"orderStatus\":\"REFUNDED\"}")).notCharged()).isFalse();
    }

    private static String page(String row) {
        return "{\"result\":\"SUCCESS\",\"message\":{\"totalResults\":1,\"data\":[" + row + "]}}";
    }
}
