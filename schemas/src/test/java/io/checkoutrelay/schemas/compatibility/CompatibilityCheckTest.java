package io.checkoutrelay.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityCheckTest {

    private static final String RELEASED = """
            {"type":"record","name":"OrderImported","namespace":"io.checkoutrelay.schemas","fields":[
              {"name":"checkoutId","type":"string"},
              {"name":"crmOrderId","type":"string"}]}
            """;

    @TempDir
    Path released;

    @Test
    void theCheckedInSchemasReadEveryReleasedVersion() {
        assertThat(CompatibilityCheck.violations(Path.of("released"), ContractSchemas.current())).isEmpty();
        assertThat(Path.of("released", "OrderImported", "v1.avsc")).exists();
    }

    @Test
    void addingAFieldWithoutADefaultBreaksTheBuild() throws IOException {
        release(RELEASED);
        Schema changed = parse("""
                {"type":"record","name":"OrderImported","namespace":"io.checkoutrelay.schemas","fields":[
                  {"name":"checkoutId","type":"string"},
                  {"name":"crmOrderId","type":"string"},
                  {"name":"currency","type":"string"}]}
                """);

        List<String> violations = CompatibilityCheck.violations(released, Map.of("OrderImported", changed));

        assertThat(violations).singleElement().asString()
                .contains("OrderImported cannot read v1.avsc").contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("currency");
    }

    @Test
    void addingAnOptionalFieldWithADefaultPasses() throws IOException {
        release(RELEASED);
        Schema changed = parse("""
                {"type":"record","name":"OrderImported","namespace":"io.checkoutrelay.schemas","fields":[
                  {"name":"checkoutId","type":"string"},
                  {"name":"crmOrderId","type":"string"},
                  {"name":"currency","type":["null","string"],"default":null}]}
                """);

        assertThat(CompatibilityCheck.violations(released, Map.of("OrderImported", changed))).isEmpty();
    }

    @Test
    void retypingOrDroppingAReleasedSchemaIsCaught() throws IOException {
        release(RELEASED);
        Schema retyped = parse("""
                {"type":"record","name":"OrderImported","namespace":"io.checkoutrelay.schemas","fields":[
                  {"name":"checkoutId","type":"long"},
                  {"name":"crmOrderId","type":"string"}]}
                """);

        assertThat(CompatibilityCheck.violations(released, Map.of("OrderImported", retyped)))
                .singleElement().asString().contains("TYPE_MISMATCH");
        assertThat(CompatibilityCheck.violations(released, Map.of()))
                .containsExactly("OrderImported was released (v1.avsc) but no longer exists");
    }

    @Test
    void theMainEntryPointFailsTheBuildOnAViolation() throws IOException {
        Files.createDirectories(released.resolve("OrderImported"));
        // a released field the current OrderImported does not have, without a default on the reader side
        Files.writeString(released.resolve("OrderImported/v1.avsc"), RELEASED);
        Files.createDirectories(released.resolve("Gone"));
        Files.writeString(released.resolve("Gone/v1.avsc"), RELEASED.replace("OrderImported", "Gone"));

        assertThatThrownBy(() -> CompatibilityCheck.main(new String[] {released.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Gone was released (v1.avsc) but no longer exists");
    }

    @Test
    void releaseWritesOnlyChangedSchemasAsTheNextVersion() throws IOException {
        release(RELEASED);
        Schema same = parse(RELEASED);
        Schema changed = parse(RELEASED.replace("]}", ",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}"));

        assertThat(CompatibilityCheck.release(released, Map.of("OrderImported", same))).isEmpty();
        assertThat(CompatibilityCheck.release(released, Map.of("OrderImported", changed)))
                .containsExactly(released.resolve("OrderImported/v2.avsc"));
        assertThat(parse(Files.readString(released.resolve("OrderImported/v2.avsc")))).isEqualTo(changed);
    }

    private void release(String schema) throws IOException {
        Files.createDirectories(released.resolve("OrderImported"));
        Files.writeString(released.resolve("OrderImported/v1.avsc"), schema);
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
