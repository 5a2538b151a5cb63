package io.checkoutrelay.enricher;

import io.checkoutrelay.schemas.serde.RelaySerdes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** profile-enricher: verifies each captured checkout's Amazon token and adds the buyer's profile. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProfileEnricherApplication {

    public static void main(String[] args) {
        RelaySerdes.trustGeneratedClasses();
        SpringApplication.run(ProfileEnricherApplication.class, args);
    }
}
