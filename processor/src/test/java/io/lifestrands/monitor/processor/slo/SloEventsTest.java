package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Slo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloEventsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void explicitHistogramIsExactAtABucketEdgeAndSplitsTheCutBucket() {
        // (0,100]: 50, (100,300]: 30, (300,1000]: 20
        Histogram histogram = new Histogram(Names.LATENCY_MS, "ms", null, null, List.of(50L, 30L, 20L),
                List.of(100.0, 300.0, 1000.0).subList(0, 2), null, 100, 15000, null, null);

        assertThat(SloEvents.atOrBelow(histogram, 300)).isEqualTo(80);
        assertThat(SloEvents.atOrBelow(histogram, 200)).isCloseTo(65, within(1e-9));
    }

    @Test
    void exponentialHistogramCountsInItsOwnUnit() {
        // scale 0: bucket i covers (2^(offset+i), 2^(offset+i+1)]; offset -3: (0.125,0.25], (0.25,0.5] seconds
        Histogram seconds = new Histogram(Names.LATENCY_MS, "s", 0, -3, List.of(40L, 60L), null, null, 100, 30,
                null, null);
        Slo fast = new Slo(null, "s", "gw", Slo.Kind.LATENCY, 0.9, Duration.ofDays(1), 250.0, null, null);

        assertThat(SloEvents.of(fast, request(seconds, true))).contains(new SloCounts.Count(40, 100));
    }

    @Test
    void aFailedHistogramIsAllBad() {
        Histogram histogram = new Histogram(Names.LATENCY_MS, "ms", null, null, List.of(7L), List.of(), null, 7, 70,
                null, null);
        Slo availability = new Slo(null, "a", "gw", Slo.Kind.AVAILABILITY, 0.9, Duration.ofDays(1), null, null,
                null);

        assertThat(SloEvents.of(availability, request(histogram, false))).contains(new SloCounts.Count(0, 7));
    }

    private static Sample request(Histogram histogram, boolean up) {
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "app", "gw", T0, up, null, up ? 200 : 500, null,
                Map.of(), Map.of(), null, histogram);
    }
}
