package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.bytes;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.header;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A sample with an implausible value is dead-lettered as {@code implausible} with the value named, counted for its
 * service, and its other values still reach the windows (and its probe the status).
 */
class ImplausibleValuesTopologyTest extends TopologyTestSupport {

    private static final String HOST = "host:box-1";

    @Test
    void implausibleValueIsDeadLetteredAndTheOthersStillCount() {
        Sample sample = probe(HOST, T0.plusSeconds(1), true, 2.0).with(Map.of("cpu_pct", 140.0, "mem_pct", 55.0),
                Map.of());

        fixture.pipe(sample);
        fixture.wallClockAt(Duration.ofSeconds(70));

        TestRecord<byte[], byte[]> dead = fixture.dlq.readRecord();
        assertThat(dead.key()).isEqualTo(bytes(HOST));
        assertThat(dead.value()).isEqualTo(Json.encode(sample));
        assertThat(header(dead, Topics.DLQ_REASON)).isEqualTo(DeadLetters.IMPLAUSIBLE);
        assertThat(header(dead, Topics.DLQ_DETAIL)).isEqualTo("cpu_pct=140 outside [0, 100]");
        assertThat(header(dead, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
        assertThat(fixture.dlq.isEmpty()).isTrue();
        assertThat(fixture.windows("1m")).extracting(MetricWindow::metric, MetricWindow::count, MetricWindow::last)
                .containsExactlyInAnyOrder(tuple("probe_latency_ms", 1L, 2.0), tuple("mem_pct", 1L, 55.0));
        assertThat(fixture.status.readValuesToList()).extracting(StatusChange::newStatus)
                .containsExactly(ServiceStatus.UP);
    }

    @Test
    void deadLettersAreCountedPerServiceAndReason() {
        fixture.pipe(probe(HOST, T0.plusSeconds(1), true, 2.0).with(Map.of("cpu_pct", 140.0), Map.of()));
        fixture.pipe(probe(HOST, T0.plusSeconds(2), true, 2.0).with(Map.of("queue_depth", -1.0), Map.of()));
        fixture.pipe(probe("gateway", T0.plusSeconds(3), true, 2.0).with(Map.of("mem_pct", 40.0), Map.of()));
        fixture.pipeRaw("gateway", "{\"v\":1,\"kind\":\"probe\"", T0.plusSeconds(4));
        fixture.pipeRaw("not a service id", "{}", T0.plusSeconds(5));

        assertThat(fixture.counter(ProcessorMetrics.DEAD_LETTERED)).isEqualTo(4);
        assertThat(ProcessorMetrics.deadLettersByService(fixture.driver.metrics())).isEqualTo(Map.of(
                HOST, Map.of(DeadLetters.IMPLAUSIBLE, 2L),
                "gateway", Map.of(DeadLetters.INVALID, 1L),
                "unknown", Map.of(DeadLetters.INVALID, 1L)));
    }

    @Test
    void plausibleSamplesAreNotDeadLettered() {
        fixture.pipe(probe(HOST, T0.plusSeconds(1), true, 2.0).with(Map.of("cpu_pct", 100.0, "mem_pct", 0.0,
                "tokens_per_second", 38.0, "queue_depth", 0.0), Map.of()));

        assertThat(fixture.dlq.isEmpty()).isTrue();
        assertThat(ProcessorMetrics.deadLettersByService(fixture.driver.metrics())).isEmpty();
    }
}
