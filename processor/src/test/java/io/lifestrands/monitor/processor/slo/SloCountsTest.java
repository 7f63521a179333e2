package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.processor.slo.SloCounts.Count;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SloCountsTest {

    private static final long T0 = 1_767_225_600_000L;

    @Test
    void eachWindowSumsTheBucketsThatOverlapIt() {
        SloCounts counts = new SloCounts();
        for (int minute = 0; minute < 120; minute++) {
            counts.add(T0 + minute * 60_000L, new Count(9, 10));
        }

        // from the 10 s tier: the 5 minutes before minute 119 reach back to the bucket that holds minute 114
        assertThat(counts.over(Duration.ofMinutes(5))).isEqualTo(new Count(54, 60));
        assertThat(counts.over(Duration.ofHours(1))).isEqualTo(new Count(549, 610));
        assertThat(counts.over(Duration.ofDays(3))).isEqualTo(new Count(1080, 1200));
    }

    @Test
    void bucketsBeyondTheirReachAreDroppedAndReported() {
        SloCounts counts = new SloCounts();
        counts.add(T0, new Count(1, 1));

        var changes = counts.add(T0 + Duration.ofHours(2).toMillis(), new Count(1, 1));

        assertThat(changes).anySatisfy(change -> {
            assertThat(change.tier()).isEqualTo(SloCounts.Tier.FINE);
            assertThat(change.count()).isNull();
        });
        assertThat(counts.over(Duration.ofHours(1))).isEqualTo(new Count(1, 1));
        assertThat(counts.over(Duration.ofHours(6))).isEqualTo(new Count(2, 2));
        assertThat(counts.covered(Duration.ofHours(4))).isEqualTo(0.5);
    }
}
