package io.checkoutrelay.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LoadResultTest {

    @Test
    void aResultLineTravelsFromTheGeneratorUnchanged() {
        LoadResult result = new LoadResult("closed", 64, 0, 20, 61_000, 3, Map.of(202, 61_000L, 503, 7L), 1_200, 3_400,
                21_000, 40_000, 95_000, 1_700_000_000_000L, 1_700_000_020_000L, 4_200);

        LoadResult parsed = LoadResult.parse(result.toLine());

        assertThat(parsed).isEqualTo(result);
        assertThat(parsed.acceptedPerSecond()).isEqualTo(3050.0);
        assertThat(parsed.answers()).isEqualTo(61_007);
    }

    @Test
    void aRunWithoutAnswersHasNoStatuses() {
        LoadResult empty = new LoadResult("open", 8, 50, 10, 0, 12, Map.of(), 0, 0, 0, 0, 0, 1, 2, 0);

        assertThat(LoadResult.parse(empty.toLine()).statuses()).isEmpty();
        assertThat(empty.acceptedPerSecond()).isZero();
    }

    @Test
    void malformedLinesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> LoadResult.parse("hello")).hasMessageContaining("not a generator result line");
        String valid = new LoadResult("closed", 64, 0, 20, 1, 0, Map.of(202, 1L), 1, 1, 1, 1, 1, 1, 2, 3).toLine();
        assertThatThrownBy(() -> LoadResult.parse(valid.replace("connections=64", "connections=x")))
                .hasMessageContaining("malformed number");
        assertThatThrownBy(() -> LoadResult.parse("RESULT mode=closed")).hasMessageContaining("lacks");
    }
}
