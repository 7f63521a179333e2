package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Event samples are counted per UTC day as {@code event:<name>}, running while the day is open, final once. */
class BusinessEventTopologyTest extends TopologyTestSupport {

    @Test
    void countsEventsPerDayWithTheMeanOfTheirValue() {
        fixture.wallClockAt(Duration.ofMinutes(1));
        pipe(event("chat_service", "conversation_started", Map.of()));
        pipe(event("chat_service", "conversation_started", Map.of()));
        pipe(event("chat_service", "conversation_ended", Map.of("duration_ms", 1000.0, "messages", 3.0)));
        pipe(event("chat_service", "conversation_ended", Map.of("duration_ms", 3000.0, "messages", 9.0)));
        pipe(event("summary_service", "summary_processed", Map.of("processing_time_ms", 250.0)));
        pipe(event("npc_service", "npc_updated", Map.of()));

        fixture.wallClockAt(Duration.ofMinutes(2));

        Map<String, MetricWindow> days = fixture.latest("1d");
        assertThat(days).containsOnlyKeys("chat_service/event:conversation_started/1d",
                "chat_service/event:conversation_ended/1d", "summary_service/event:summary_processed/1d",
                "npc_service/event:npc_updated/1d");
        MetricWindow ended = days.get("chat_service/event:conversation_ended/1d");
        assertThat(ended.count()).isEqualTo(2);
        assertThat(ended.mean()).isEqualTo(2000.0);
        assertThat(ended.windowStart()).isEqualTo(T0);
        assertThat(ended.windowEnd()).isEqualTo(T0.plus(Duration.ofDays(1)));
        assertThat(days.get("chat_service/event:conversation_started/1d").count()).isEqualTo(2);
        assertThat(days.get("chat_service/event:conversation_started/1d").sum()).isZero();
        assertThat(days.get("summary_service/event:summary_processed/1d").mean()).isEqualTo(250.0);
        assertThat(days.get("npc_service/event:npc_updated/1d").count()).isEqualTo(1);
        assertThat(fixture.latest("1m")).containsKey("chat_service/duration_ms/1m");
    }

    @Test
    void runningDayFollowsNewEventsAndTheFinalOneComesOnceAtClose() {
        fixture.wallClockAt(Duration.ofMinutes(1));
        pipe(event("npc_service", "npc_created", Map.of()));
        fixture.wallClockAt(Duration.ofMinutes(2));
        pipe(event("npc_service", "npc_created", Map.of()));
        fixture.wallClockAt(Duration.ofHours(3));
        List<MetricWindow> running = fixture.windows("1d");

        fixture.wallClockAt(Duration.ofDays(1).plusSeconds(9));
        assertThat(fixture.windows("1d")).hasSameSizeAs(running);
        fixture.wallClockAt(Duration.ofDays(1).plusSeconds(10));
        fixture.wallClockAt(Duration.ofDays(3));

        assertThat(running).extracting(MetricWindow::count).containsExactly(1L, 2L);
        assertThat(fixture.windows("1d")).extracting(MetricWindow::count).containsExactly(1L, 2L, 2L);
    }

    @Test
    void eventWithoutANameIsCountedAsUnnamed() {
        fixture.wallClockAt(Duration.ofMinutes(1));
        pipe(new Sample(1, SampleKind.EVENT, "chat-1", "chat_service", T0.plusSeconds(59), null, null, null, null,
                Map.of(), Map.of()));

        fixture.wallClockAt(Duration.ofMinutes(2));

        assertThat(fixture.latest("1d")).containsOnlyKeys("chat_service/event:unnamed/1d");
    }

    /** Pipes the sample stamped one second before the wall clock. */
    private void pipe(Sample sample) {
        Instant ts = fixture.wallClock().minusSeconds(1);
        fixture.pipe(new Sample(sample.v(), sample.kind(), sample.host(), sample.service(), ts, sample.up(),
                sample.latencyMs(), sample.statusCode(), sample.error(), sample.metrics(), sample.labels()));
    }

    private static Sample event(String service, String name, Map<String, Double> metrics) {
        Map<String, String> labels = new HashMap<>();
        labels.put("event", name);
        return new Sample(1, SampleKind.EVENT, service + "-1", service, Instant.parse("2026-01-01T00:00:59Z"), null,
                null, null, null, metrics, labels);
    }
}
