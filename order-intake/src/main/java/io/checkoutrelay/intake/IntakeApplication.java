package io.checkoutrelay.intake;

import io.checkoutrelay.schemas.serde.RelaySerdes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** order-intake: the lander-facing API that makes Amazon Pay checkouts durable in Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntakeApplication {

    public static void main(String[] args) {
        RelaySerdes.trustGeneratedClasses();
        SpringApplication.run(IntakeApplication.class, args);
    }
}
