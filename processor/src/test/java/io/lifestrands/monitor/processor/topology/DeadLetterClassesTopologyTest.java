package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.processor.window.WindowProcessor;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.bytes;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.header;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad-record class of QUALITY R4 reaches the DLQ with its bytes and headers, and processing goes on. */
class DeadLetterClassesTopologyTest extends TopologyTestSupport {

    private static final String SAMPLE = "{\"v\":1,\"kind\":\"%s\",\"host\":\"h\",\"service\":\"gateway\","
            + "\"ts\":\"%s\",\"up\":true%s}";

    static Stream<Arguments> badRecords() {
        return Stream.of(
                arguments("bad JSON", bytes("{\"v\":1,\"kind\":"), "Unexpected end-of-input"),
                arguments("wrong type", bytes(sample("probe", "2026-01-01T00:00:01Z", ",\"latency_ms\":\"fast\"")),
                        "latency_ms"),
                arguments("empty", new byte[0], "empty record"),
                arguments("huge", bytes(sample("probe", "2026-01-01T00:00:01Z", "") + " ".repeat(300_000)),
                        "record must be at most"),
                arguments("deep nesting", bytes(sample("probe", "2026-01-01T00:00:01Z", ",\"x\":"
                        + "[".repeat(100) + "]".repeat(100))), "nesting depth"),
                arguments("bad UTF-8", badUtf8(), "UTF-8"),
                arguments("NaN", bytes(sample("probe", "2026-01-01T00:00:01Z", ",\"latency_ms\":NaN")),
                        "NaN"),
                arguments("negative latency", bytes(sample("probe", "2026-01-01T00:00:01Z", ",\"latency_ms\":-1")),
                        "latency_ms"),
                arguments("far past", bytes(sample("probe", "2020-01-01T00:00:00Z", ",\"latency_ms\":1")),
                        WindowProcessor.LATE_REASON),
                arguments("far future", bytes(sample("probe", "2031-01-01T00:00:00Z", ",\"latency_ms\":1")),
                        "ts must be at most 1h ahead"),
                arguments("processing throws", bytes(sample("event", "2026-01-01T00:00:01Z",
                        ",\"labels\":{\"event\":\"no spaces allowed\"}")), "labels.event"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void deadLettersWithHeadersAndKeepsAggregatingExactly(String kind, byte[] payload, String reason) {
        fixture.samples.pipeInput(bytes("gateway"), payload, T0.plusSeconds(1));
        fixture.pipe(probe("gateway", T0.plusSeconds(2), true, 42.0));
        fixture.wallClockAt(Duration.ofSeconds(70));

        TestRecord<byte[], byte[]> dead = fixture.dlq.readRecord();

        assertThat(fixture.dlq.isEmpty()).isTrue();
        assertThat(dead.key()).isEqualTo(bytes("gateway"));
        assertThat(dead.value()).isEqualTo(payload);
        assertThat(header(dead, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(Topics.SAMPLES.name());
        assertThat(header(dead, Topics.DLQ_SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead, Topics.DLQ_ERROR_CLASS)).isNotBlank();
        assertThat(header(dead, Topics.DLQ_REASON)).contains(reason);
        assertThat(fixture.counter(ProcessorMetrics.DEAD_LETTERED)).isEqualTo(1);
        assertThat(fixture.windows("1m")).singleElement().extracting(MetricWindow::count, MetricWindow::sum)
                .containsExactly(1L, 42.0);
    }

    private static String sample(String kind, String ts, String rest) {
        return SAMPLE.formatted(kind, ts, rest);
    }

    private static byte[] badUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(sample("probe", "2026-01-01T00:00:01Z", "").replace(",\"up\":true}", ",")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'"', 'e', 'r', 'r', 'o', 'r', '"', ':', '"', (byte) 0xC3, 0x28, '"', ','});
        out.writeBytes("\"up\":false}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
