package io.lifestrands.monitor.collector.ingest;

import io.lifestrands.monitor.schema.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CumulativeDeltasTest {

    @Test
    void histogramDeltasDownscaleExactlyWhenTheScaleDropsAndResetOnASmallerCount() {
        CumulativeDeltas deltas = new CumulativeDeltas();
        // scale 8, buckets 4..7 hold 1, 2, 3, 4; then the SDK downscales to 7: buckets 2, 3 hold 3+1, 7+2
        Histogram first = exponential(8, 4, List.of(1L, 2L, 3L, 4L), 10);
        Histogram second = exponential(7, 2, List.of(4L, 9L), 13);

        deltas.histogram("s", 1, 10, first);
        Histogram delta = deltas.histogram("s", 1, 20, second).value();
        Histogram afterReset = deltas.histogram("s", 1, 30, exponential(7, 2, List.of(1L), 1)).value();

        assertThat(delta.scale()).isEqualTo(7);
        assertThat(delta.offset()).isEqualTo(2);
        assertThat(delta.bucketCounts()).containsExactly(1L, 2L);
        assertThat(delta.count()).isEqualTo(3);
        assertThat(afterReset.count()).isEqualTo(1);
        assertThat(deltas.resets()).isEqualTo(1);
    }

    private static Histogram exponential(int scale, int offset, List<Long> counts, long count) {
        return new Histogram("d", "s", scale, offset, counts, null, 0L, count, count, null, null);
    }
}
