package io.checkoutrelay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LoadSpecTest {

    @Test
    void argumentsRoundTrip() {
        LoadSpec spec = new LoadSpec(URI.create("http://127.0.0.1:8080"), LoadSpec.Mode.OPEN, 32, 150.5, 5, 30, "S0A",
                1234567, Path.of("/tmp/sends.txt"));

        assertThat(LoadSpec.parse(spec.toArgs().toArray(String[]::new))).isEqualTo(spec);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> LoadSpec.parse(new String[] {"--target", "http://127.0.0.1:1", "--mode", "burst",
                "--connections", "1", "--duration", "1", "--prefix", "S00", "--run", "1"}))
                .hasMessageContaining("--mode must be closed or open");
        assertThatThrownBy(() -> LoadSpec.parse(new String[] {"--target", "http://127.0.0.1:1", "--mode", "open",
                "--connections", "1", "--duration", "1", "--prefix", "S00", "--run", "1"}))
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> LoadSpec.parse(new String[] {"--mode", "closed"}))
                .hasMessageContaining("--target is required");
        assertThatThrownBy(() -> LoadSpec.parse(new String[] {"--connections"}))
                .hasMessageContaining("--connections needs a value");
        assertThatThrownBy(() -> LoadSpec.parse(new String[] {"--speed", "9"}))
                .hasMessageContaining("unknown option '--speed'");
    }
}
