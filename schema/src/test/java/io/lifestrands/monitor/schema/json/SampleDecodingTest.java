package io.lifestrands.monitor.schema.json;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleDecodingTest {

    private static final String VALID = """
            {"kind":"request","host":"h1","service":"gateway","ts":"2026-01-01T00:00:00Z","up":true,"latency_ms":12}
            """;

    @Test
    void decodesAValidSampleWithDefaults() {
        Sample sample = Json.read(VALID, Sample.class);

        assertThat(sample.v()).isEqualTo(1);
        assertThat(sample.kind()).isEqualTo(SampleKind.REQUEST);
        assertThat(sample.ts()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(sample.latencyMs()).isEqualTo(12.0);
        assertThat(sample.metrics()).isEmpty();
        assertThat(sample.labels()).isEmpty();
    }

    @Test
    void eventsDefaultToUp() {
        Sample sample = Json.read("""
                {"kind":"event","host":"h1","service":"chat_service","ts":"2026-01-01T00:00:00Z",
                 "metrics":{"conversation_duration_s":1080}}
                """, Sample.class);

        assertThat(sample.up()).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "\"latency_ms\":-3 | latency_ms",
            "\"latency_ms\":\"12\" | latency_ms",
            "\"up\":\"yes\" | up",
            "\"status_code\":1200 | status_code",
            "\"metrics\":{\"cpu_pct\":\"high\"} | cpu_pct",
            "\"metrics\":{\"bad key!\":1} | metrics key",
            "\"kind\":\"probez\" | kind",
            "\"ts\":\"yesterday\" | ts",
            "\"service\":\"\" | service",
            "\"v\":2 | v must be 1"})
    void rejectsAFieldWithAReasonThatNamesIt(String override, String field) {
        String json = VALID.trim().replaceFirst("}$", "," + override + "}");

        assertThatThrownBy(() -> Json.read(json, Sample.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(field);
    }

    @Test
    void monitoringFailedRoundTripsAndIsLeftOutWhenFalse() {
        String failed = """
                {"kind":"probe","host":"h1","service":"gateway","ts":"2026-01-01T00:00:00Z","up":false,
                 "error":"unknown host no-such-host.invalid","monitoring_failed":true}
                """;

        Sample sample = Json.read(failed, Sample.class);
        Sample plain = Json.read(VALID.trim().replaceFirst("}$", ",\"monitoring_failed\":false}"), Sample.class);

        assertThat(sample.failedToMonitor()).isTrue();
        assertThat(Json.decode(Json.encode(sample), Sample.class)).isEqualTo(sample);
        assertThat(Json.write(sample)).contains("\"monitoring_failed\":true");
        assertThat(plain.failedToMonitor()).isFalse();
        assertThat(Json.write(plain)).doesNotContain("monitoring_failed");
    }

    @Test
    void monitoringFailedRequiresAFailedProbe() {
        assertThatThrownBy(() -> Json.read(VALID.trim().replaceFirst("}$", ",\"monitoring_failed\":true}"),
                Sample.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("monitoring_failed requires up false");
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertThatThrownBy(() -> Json.read("{\"kind\":\"probe\",\"host\":\"h\",\"ts\":\"2026-01-01T00:00:00Z\"}",
                Sample.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("service is required");
    }

    @Test
    void rejectsNotANumberLiterals() {
        assertThatThrownBy(() -> Json.read(VALID.trim().replaceFirst("}$", ",\"latency_ms\":NaN}"), Sample.class))
                .isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void rejectsDeepNestingWithoutStackOverflow() {
        String deep = VALID.trim().replaceFirst("}$", ",\"extra\":" + "[".repeat(5000) + "]".repeat(5000) + "}");

        assertThatThrownBy(() -> Json.read(deep, Sample.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void rejectsEmptyAndNonJsonInput() {
        assertThatThrownBy(() -> Json.decode(new byte[0], Sample.class)).hasMessageContaining("empty record");
        assertThatThrownBy(() -> Json.decode(new byte[]{(byte) 0xff, (byte) 0xfe, 0x00}, Sample.class))
                .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> Json.read("null", Sample.class)).hasMessageContaining("null");
        assertThatThrownBy(() -> Json.read(VALID + " {}", Sample.class)).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void durationsUseTheRuleNotation() {
        assertThat(Json.parseDuration("30s")).hasSeconds(30);
        assertThat(Json.parseDuration("5m")).hasMinutes(5);
        assertThat(Json.parseDuration("PT1H")).hasHours(1);
        assertThat(Json.formatDuration(Json.parseDuration("250ms"))).isEqualTo("250ms");
        assertThatThrownBy(() -> Json.parseDuration("soon")).hasMessageContaining("'soon'");
    }
}
