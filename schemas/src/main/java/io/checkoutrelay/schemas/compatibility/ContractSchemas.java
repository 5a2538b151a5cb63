package io.checkoutrelay.schemas.compatibility;

import io.checkoutrelay.schemas.AmazonCheckoutCaptured;
import io.checkoutrelay.schemas.AmazonCheckoutEnriched;
import io.checkoutrelay.schemas.CheckoutStatusChanged;
import io.checkoutrelay.schemas.OrderDeclined;
import io.checkoutrelay.schemas.OrderImported;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** The value schema of every public topic, as the generated classes hold them (fully inlined). */
public final class ContractSchemas {

    private ContractSchemas() {
    }

    /** Record simple name to schema. */
    public static Map<String, Schema> current() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Schema schema : List.of(AmazonCheckoutCaptured.getClassSchema(), AmazonCheckoutEnriched.getClassSchema(),
                OrderImported.getClassSchema(), OrderDeclined.getClassSchema(), CheckoutStatusChanged.getClassSchema())) {
            schemas.put(schema.getName(), schema);
        }
        return schemas;
    }
}
