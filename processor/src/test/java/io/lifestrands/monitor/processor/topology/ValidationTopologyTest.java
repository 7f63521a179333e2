package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.InvalidRecordException;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.bytes;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.header;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;

class ValidationTopologyTest extends TopologyTestSupport {

    private static final String VALID = """
            {"v":1,"kind":"probe","host":"collector-1","service":"gateway","ts":"2026-01-01T00:00:01Z",\
            "up":true,"latency_ms":%s}""";


    @ParameterizedTest
    @ValueSource(strings = {
            "{\"v\":1,\"kind\":\"probe\",",
            "not json at all",
            "[]",
            "null",
            "{\"v\":1,\"kind\":\"probe\",\"host\":\"h\",\"service\":\"gateway\",\"ts\":\"yesterday\",\"up\":true}",
            "{\"v\":1,\"kind\":\"probe\",\"host\":\"h\",\"service\":\"gateway\",\"ts\":\"2026-01-01T00:00:01Z\","
                    + "\"up\":\"yes\"}",
            "{\"v\":1,\"kind\":\"probe\",\"host\":\"h\",\"service\":\"gateway\",\"ts\":\"2026-01-01T00:00:01Z\","
                    + "\"up\":true,\"latency_ms\":NaN}",
            "{\"v\":1,\"kind\":\"probe\",\"host\":\"h\",\"service\":\"gateway\",\"ts\":\"2026-01-01T00:00:01Z\","
                    + "\"up\":true,\"latency_ms\":-5}",
            "{\"v\":1,\"kind\":\"probe\",\"host\":\"h\",\"service\":\"gateway\",\"ts\":\"2026-01-01T00:00:01Z\","
                    + "\"up\":true,\"metrics\":{\"cpu_pct\":\"high\"}}",
            "{\"v\":2,\"kind\":\"probe\",\"host\":\"h\",\"service\":\"gateway\",\"ts\":\"2026-01-01T00:00:01Z\","
                    + "\"up\":true}",
    })
    void deadLettersInvalidSampleWithOriginalBytesAndHeaders(String payload) {
        fixture.pipeRaw("gateway", payload, T0.plusSeconds(1));

        TestRecord<byte[], byte[]> dead = fixture.dlq.readRecord();

        assertThat(dead.key()).isEqualTo(bytes("gateway"));
        assertThat(dead.value()).isEqualTo(bytes(payload));
        assertThat(dead.timestamp()).isEqualTo(T0.plusSeconds(1).toEpochMilli());
        assertThat(header(dead, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(Topics.SAMPLES.name());
        assertThat(header(dead, Topics.DLQ_SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead, Topics.DLQ_ERROR_CLASS)).isEqualTo(InvalidRecordException.class.getName());
        assertThat(header(dead, Topics.DLQ_REASON)).isNotBlank();
        assertThat(fixture.counter(ProcessorMetrics.DEAD_LETTERED)).isEqualTo(1);
    }

    @Test
    void reasonNamesTheOffendingField() {
        fixture.pipeRaw("gateway", VALID.formatted("-5"), T0);

        assertThat(header(fixture.dlq.readRecord(), Topics.DLQ_REASON)).contains("latency_ms");
    }

    @Test
    void deadLettersEmptyAndNullValues() {
        fixture.pipeRaw("gateway", "", T0);
        fixture.pipeRaw("gateway", null, T0);

        assertThat(fixture.dlq.readRecordsToList()).extracting(r -> header(r, Topics.DLQ_SOURCE_OFFSET))
                .containsExactly("0", "1");
    }

    @Test
    void deadLettersSampleWhoseKeyIsNotItsService() {
        fixture.pipeRaw("chat_service", VALID.formatted("5"), T0);
        fixture.pipeRaw(null, VALID.formatted("5"), T0);

        assertThat(fixture.dlq.readRecordsToList()).extracting(r -> header(r, Topics.DLQ_REASON))
                .allSatisfy(reason -> assertThat(reason).contains("key must be the service id"))
                .hasSize(2);
    }

    @Test
    void keepsTheSourceHeadersOnDeadLetters() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", bytes("00-abc-def-01"));

        fixture.samples.pipeInput(new TestRecord<>(bytes("gateway"), bytes("{"), headers, T0));

        assertThat(header(fixture.dlq.readRecord(), "traceparent")).isEqualTo("00-abc-def-01");
    }

    @Test
    void keepsProcessingAfterBadRecords() {
        fixture.pipeRaw("gateway", "{", T0);
        fixture.pipeRaw("gateway", VALID.formatted("NaN"), T0);

        fixture.pipe(probe("gateway", T0.plusSeconds(2), true, 12.0));
        fixture.wallClockAt(Duration.ofSeconds(70));

        assertThat(fixture.dlq.readRecordsToList()).hasSize(2);
        assertThat(fixture.status.readValue()).extracting(StatusChange::newStatus).isEqualTo(ServiceStatus.UP);
        assertThat(fixture.metrics.readValue().count()).isEqualTo(1);
        assertThat(fixture.counter(ProcessorMetrics.DEAD_LETTERED)).isEqualTo(2);
    }
}
