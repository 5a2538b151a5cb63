package io.checkoutrelay.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutrelay.intake.support.SharedIntake;
import io.checkoutrelay.localstack.junit.RealInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document checked into the repository is the one served, and it describes every /v1 operation. */
@ExtendWith({RealInfrastructure.class, SharedIntake.class})
class OpenApiDocumentTest {

    @Test
    void servedDocumentIsTheCheckedInOneAndCoversEveryOperation(SharedIntake.Instance shared) throws Exception {
        String checkedIn = Files.readString(Path.of("openapi.yaml"));
        var served = shared.intake().get("/v1/openapi.yaml");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(checkedIn);

        Map<String, Object> document = new Yaml().load(checkedIn);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().stream().filter(k -> !k.equals("parameters"))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));

        Set<String> implemented = new TreeSet<>();
        shared.intake().context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/v1/"))
                        .forEach(p -> info.getMethodsCondition().getMethods()
                                .forEach(m -> implemented.add(m.name() + " " + p))));
        assertThat(implemented).isNotEmpty();
        assertThat(documented).isEqualTo(implemented);
    }
}
