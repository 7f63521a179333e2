package io.lifestrands.monitor.collector.ingest;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestBatchTest {

    private static final String REQUEST = """
            {"kind":"request","host":"web-1","service":"gateway","ts":"2026-01-01T00:00:00Z","up":true,
             "latency_ms":42.5,"status_code":200}""";

    @Test
    void acceptsRequestsAndEvents() {
        IngestBatch batch = parse("[" + REQUEST + ","
                + "{\"kind\":\"event\",\"host\":\"web-1\",\"service\":\"chat_service\",\"ts\":\"2026-01-01T00:00:01Z\","
                + "\"labels\":{\"event\":\"conversation_started\"}}]");

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.valid()).extracting(a -> a.sample().kind()).containsExactly(SampleKind.REQUEST, SampleKind.EVENT);
        assertThat(batch.valid().get(0).sample().latencyMs()).isEqualTo(42.5);
    }

    @Test
    void rejectionsNameTheIndexAndTheField() {
        IngestBatch batch = parse("[" + REQUEST + ","
                + REQUEST.replace("42.5", "-1") + ","
                + REQUEST.replace(",\"ts\":\"2026-01-01T00:00:00Z\"", "") + ","
                + REQUEST.replace("\"request\"", "\"probe\"") + ","
                + REQUEST.replace("200}", "\"200\"}") + ","
                + "17]");

        assertThat(batch.valid()).hasSize(1);
        assertThat(batch.rejected()).extracting(IngestBatch.Rejection::index).containsExactly(1, 2, 3, 4, 5);
        assertThat(batch.rejected().get(0).reason()).contains("latency_ms");
        assertThat(batch.rejected().get(1).reason()).contains("ts");
        assertThat(batch.rejected().get(2).reason()).contains("kind must be request or event");
        assertThat(batch.rejected().get(3).reason()).contains("status_code");
        assertThat(batch.rejected().get(4).reason()).contains("JSON object");
    }

    @Test
    void missingHostBecomesTheCollectorsHost() {
        IngestBatch batch = parse("[" + REQUEST.replace("\"host\":\"web-1\",", "") + "]");

        assertThat(batch.valid().get(0).sample().host()).isEqualTo("collector-host");
    }

    @Test
    void cleanSamplePublishesTheClientsOwnBytes() {
        String spaced = REQUEST.replace(",", " ,  ");

        IngestBatch batch = parse("[ " + spaced + " ,\n" + REQUEST + "]");

        assertThat(batch.valid()).extracting(a -> new String(a.json(), StandardCharsets.UTF_8))
                .containsExactly(spaced, REQUEST);
        assertThat(batch.valid()).allSatisfy(a -> assertThat(Json.decode(a.json(), Sample.class))
                .isEqualTo(a.sample()));
    }

    @Test
    void sampleThatMustChangeIsReEncoded() {
        String noHost = REQUEST.replace("\"host\":\"web-1\",", "");
        String unknownField = REQUEST.replace("\"up\":true", "\"up\":true,\"note\":\"x\"");
        String duplicateField = REQUEST.replace("\"up\":true", "\"up\":false,\"up\":true");

        IngestBatch batch = parse("[" + noHost + "," + unknownField + "," + duplicateField + "]");

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.valid()).allSatisfy(a -> {
            assertThat(a.json()).isEqualTo(Json.encode(a.sample()));
            assertThat(Json.decode(a.json(), Sample.class)).isEqualTo(a.sample());
        });
        assertThat(batch.valid().get(0).sample().host()).isEqualTo("collector-host");
    }

    @Test
    void bodyThatIsNotAnArrayIsMalformed() {
        assertThatThrownBy(() -> parse(REQUEST)).isInstanceOf(IngestProblem.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> parse("[{")).isInstanceOf(IngestProblem.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("")).isInstanceOf(IngestProblem.class);
        assertThatThrownBy(() -> parse("[" + REQUEST + "] []")).isInstanceOf(IngestProblem.class);
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() {
        assertThatThrownBy(() -> parse("[".repeat(1_000) + "]".repeat(1_000)))
                .isInstanceOf(IngestProblem.class);
    }

    private static IngestBatch parse(String body) {
        return IngestBatch.parse(body.getBytes(StandardCharsets.UTF_8), "collector-host");
    }
}
