package io.checkoutrelay.importer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.checkoutrelay.schemas.serde.RelaySerdes;

/** crm-importer: enriched checkouts into CheckoutChamp, exactly one order per checkout. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CrmImporterApplication {

    public static void main(String[] args) {
        RelaySerdes.trustGeneratedClasses();
        StopSignal.exitCleanlyOnTerm();
        SpringApplication.run(CrmImporterApplication.class, args);
    }
}
