package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of the two decoders that face untrusted input (QUALITY R4, S5): samples from any producer and alert
 * rules from the API. Whatever the bytes, decoding either succeeds with a record that satisfies its contract or fails
 * with the documented {@link IllegalArgumentException} (of which {@code InvalidRecordException} is one), never with
 * another exception or a {@link StackOverflowError}; valid records survive a round trip unchanged. Tries are bounded
 * so the suite costs seconds; jqwik prints the seed of a failure for replay.
 */
class DecoderFuzzTest {

    @Property(tries = 2000)
    void sampleDecoderRejectsArbitraryBytesOnlyWithIllegalArgument(@ForAll("anyBytes") byte[] bytes) {
        decodeOrReject(bytes, Sample.class);
    }

    @Property(tries = 1000)
    void sampleDecoderRejectsMutatedSamplesOnlyWithIllegalArgument(@ForAll("mutatedSamples") byte[] bytes) {
        Sample sample = decodeOrReject(bytes, Sample.class);

        if (sample != null) {
            assertThat(sample.metrics().values()).allMatch(Double::isFinite);
            assertThat(sample.latencyMs() == null || sample.latencyMs() >= 0).isTrue();
        }
    }

    @Property(tries = 1000)
    void validSamplesRoundTrip(@ForAll("validSamples") Sample sample) {
        assertThat(Json.decode(Json.encode(sample), Sample.class)).isEqualTo(sample);
    }

    @Property(tries = 1000)
    void ruleValidatorRejectsMutatedRulesOnlyWithIllegalArgument(@ForAll("mutatedRules") byte[] bytes) {
        AlertRule rule = decodeOrReject(bytes, AlertRule.class);

        if (rule != null) {
            assertThat(Double.isFinite(rule.threshold())).isTrue();
            assertThat(rule.forDuration().isNegative()).isFalse();
            assertThat(rule.range().isNegative() || rule.range().isZero()).isFalse();
            assertThat(Json.decode(Json.encode(rule), AlertRule.class)).isEqualTo(rule);
        }
    }

    /** The decoded record, or null when the input was rejected the documented way; anything else fails the test. */
    private static <T> T decodeOrReject(byte[] bytes, Class<T> type) {
        try {
            return Json.decode(bytes, type);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(512),
                Arbitraries.strings().withCharRange('\0', '\u024F').ofMaxLength(256)
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                // nesting far past the limit: a recursive parser would overflow the stack
                Arbitraries.integers().between(1, 20_000).map(depth -> ("[".repeat(depth) + "]".repeat(depth))
                        .getBytes(StandardCharsets.UTF_8)),
                Arbitraries.integers().between(1, 20_000).map(depth -> ("{\"a\":".repeat(depth) + "1"
                        + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<byte[]> mutatedSamples() {
        Map<String, Object> valid = Map.of("v", 1, "kind", "\"probe\"", "host", "\"h-1\"", "service", "\"gateway\"",
                "ts", "\"2026-01-01T00:00:00Z\"", "up", true, "latency_ms", 12.5, "status_code", 200,
                "metrics", "{\"cpu_pct\":1.5}", "labels", "{\"model_type\":\"chat\"}");
        return mutatedObjects(valid);
    }

    @Provide
    Arbitrary<byte[]> mutatedRules() {
        Map<String, Object> valid = Map.ofEntries(Map.entry("name", "\"high_latency\""),
                Map.entry("severity", "\"warning\""), Map.entry("service", "\"*\""),
                Map.entry("metric", "\"latency_ms\""), Map.entry("statistic", "\"p95\""), Map.entry("range", "\"5m\""),
                Map.entry("comparison", "\">\""), Map.entry("threshold", 2000.0), Map.entry("for", "\"5m\""),
                Map.entry("keep_firing_for", "\"0s\""), Map.entry("message", "\"p95 of {service}\""),
                Map.entry("labels", "{}"));
        return mutatedObjects(valid);
    }

    /** A valid object whose fields are each kept, dropped or replaced by a hostile value, plus raw byte damage. */
    private static Arbitrary<byte[]> mutatedObjects(Map<String, Object> valid) {
        List<String> names = List.copyOf(valid.keySet());
        Arbitrary<List<String>> fields = Arbitraries.integers().between(0, 3).list().ofSize(names.size())
                .flatMap(choices -> {
                    List<Arbitrary<String>> parts = new java.util.ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.get(i);
                        Arbitrary<String> part = switch (choices.get(i)) {
                            case 0 -> Arbitraries.just("\"" + name + "\":" + valid.get(name));
                            case 1 -> Arbitraries.just("");
                            default -> hostileValues().map(value -> "\"" + name + "\":" + value);
                        };
                        parts.add(part);
                    }
                    return Combinators.combine(parts).as(List::copyOf);
                });
        Arbitrary<byte[]> objects = fields.map(parts -> ("{" + String.join(",", parts.stream()
                .filter(p -> !p.isEmpty()).toList()) + "}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(objects, Combinators.combine(objects, Arbitraries.integers().between(0, 400),
                Arbitraries.bytes()).as(DecoderFuzzTest::damage));
    }

    private static Arbitrary<String> hostileValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "\"\"", "[]", "{}", "NaN", "-Infinity", "1e400", "-1", "-0.0",
                        "99999999999999999999999", "1.5", "\"NaN\"", "\"-1\"", "\"5m\"", "\"-5m\"", "\"0s\"",
                        "\"PT-1S\"", "\"1970-01-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59Z\"",
                        "\"9999-12-31T23:59:59Z\"", "\"not-a-time\"", "\"<script>alert(1)</script>\"",
                        "\"{{7*7}}\"", "\"a b\"", "{\"x\":null}", "{\"x\":\"NaN\"}", "{\"x\":1e999}", "[1,2,3]",
                        "\"\\u0000\"", "\"\\ud800\"", "\"p95\"", "\">\"", "\"event\""),
                Arbitraries.strings().ofMaxLength(70_000).withChars('x').map(s -> "\"" + s + "\""),
                Arbitraries.integers().between(1, 5_000).map(d -> "[".repeat(d) + "]".repeat(d)),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                        Arbitraries.doubles()).ofMaxSize(300).map(Json::write));
    }

    private static byte[] damage(byte[] bytes, int position, byte replacement) {
        byte[] copy = bytes.clone();
        if (copy.length > 0) {
            // e.g. 0xC3 alone or 0xFF: invalid UTF-8 in the middle of a value
            copy[position % copy.length] = replacement;
        }
        return copy;
    }

    @Provide
    Arbitrary<Sample> validSamples() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("abcxyz019_.:-").ofMinLength(1).ofMaxLength(40);
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        Arbitrary<Double> latencies = Arbitraries.doubles().between(0, 1e9).injectNull(0.2);
        Arbitrary<Map<String, Double>> metrics = Arbitraries.maps(ids, Arbitraries.doubles().between(-1e12, 1e12))
                .ofMaxSize(8);
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(ids, Arbitraries.strings().ofMaxLength(50))
                .ofMaxSize(8);
        Arbitrary<List<String>> hostAndService = ids.list().ofSize(2);
        return Combinators.combine(Arbitraries.of(SampleKind.class), hostAndService, times, Arbitraries.of(true, false),
                        latencies, Arbitraries.integers().between(0, 999).injectNull(0.3), metrics, labels)
                .as((kind, origin, ts, up, latency, status, m, l) -> new Sample(1, kind, origin.get(0), origin.get(1),
                        ts, up, latency, status, null, m, l));
    }
}
