package io.checkoutrelay.importer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

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
}
