package io.checkoutrelay.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToAHundred() {
        long[] shuffled = LongStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).toArray();
        Percentiles p = new Percentiles(shuffled);

        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(99.9)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void aSlowTailShowsInP99NotInP50() {
        long[] values = new long[1000];
        java.util.Arrays.fill(values, 10);
        for (int i = 0; i < 15; i++) {
            values[i] = 500;
        }
        Percentiles p = new Percentiles(values);

        assertThat(p.at(50)).isEqualTo(10);
        assertThat(p.at(99)).isEqualTo(500);
    }

    @Test
    void emptyOrOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new Percentiles(new long[0]).at(50)).hasMessageContaining("no values");
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(0)).hasMessageContaining("percentile");
    }
}
