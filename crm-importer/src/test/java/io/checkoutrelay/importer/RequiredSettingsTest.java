package io.checkoutrelay.importer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RequiredSettingsTest {

    @Test
    void refusesToStartWithoutTheCrmPasswordAndNamesTheSetting() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CrmImporterApplication.class).run(
                "--server.port=0", "--crm-importer.checkoutchamp.login-id=api-user",
                "--crm-importer.token-keys=k:AAAAAAAAAAAAAAAAAAAAAA=="))
                .rootCause().hasMessageContaining("CHECKOUTCHAMP_PASSWORD");
    }

    @Test
    void refusesToStartWithoutTokenKeysAndNamesTheSetting() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CrmImporterApplication.class).run(
                "--server.port=0", "--crm-importer.checkoutchamp.login-id=api-user",
                "--crm-importer.checkoutchamp.password=secret"))
                .rootCause().hasMessageContaining("RELAY_TOKEN_KEYS");
    }

    @Test
    void refusesAPartialConfirmIntervalOutOfRangeFromTheEnvironmentAndNamesIt() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("CRMIMPORTER_RETRY_PARTIALCONFIRMINTERVAL", "0s")));
        assertThatThrownBy(() -> new SpringApplicationBuilder(CrmImporterApplication.class).environment(environment)
                .run("--server.port=0", "--crm-importer.checkoutchamp.login-id=api-user",
                        "--crm-importer.checkoutchamp.password=secret",
                        "--crm-importer.token-keys=k:AAAAAAAAAAAAAAAAAAAAAA=="))
                .rootCause().hasMessageContaining("CRMIMPORTER_RETRY_PARTIALCONFIRMINTERVAL")
                .hasMessageContaining("between 100ms and 10m");
    }
}
