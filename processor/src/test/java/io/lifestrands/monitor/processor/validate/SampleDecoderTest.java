package io.lifestrands.monitor.processor.validate;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SampleDecoder} must give exactly the outcome of {@code Json.decode(bytes, Sample.class)}: the same sample,
 * or the same exception class with the same reason; and it must take its fast pass for what collectors write.
 */
class SampleDecoderTest {

    private static final String[] HOSTILE = {"null", "true", "false", "\"\"", "[]", "{}", "NaN", "-Infinity", "1e400",
            "-1", "-0.0", "0", "1", "2", "99999999999999999999999", "4294967296", "1.5", "1.0", "\"NaN\"", "\"-1\"",
            "\"1\"", "\"1970-01-01T00:00:00Z\"", "\"+1000000000-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59Z\"",
            "\"2026-02-30T00:00:00Z\"", "\"2026-01-01T24:00:00Z\"", "\"2026-01-01T00:00:60Z\"",
            "\"2026-01-01T00:00:00.Z\"", "\"2026-01-01T00:00:00.1234567891Z\"", "\"2026-01-01T00:00:00+01:00\"",
            "\"2026-01-01t00:00:00z\"", "\" 2026-01-01T00:00:00Z\"", "\"2026-01-01T00:00Z\"", "\"not-a-time\"",
            "\"a b\"", "\"probe\"", "\"event\"", "\"request\"", "\"PROBE\"", "{\"x\":null}", "{\"x\":\"NaN\"}",
            "{\"x\":1e999}", "{\"x\":1,\"x\":2}", "{\"x\":\"a\",\"x\":\"b\"}", "{\"a b\":1}", "{\"x\":true}",
            "[1,2,3]", "\"\\u0000\"", "\"\\ud800\"", "\"x\"", "\"h-1\"", "200", "1000", "-5"};
    private static final String[] FIELDS = {"v", "kind", "host", "service", "ts", "up", "latency_ms", "status_code",
            "error", "metrics", "labels"};

    private final Random random = new Random(42);

    @Test
    void collectorSamplesTakeTheFastPassAndDecodeAsTheMapperDoes() {
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = Json.encode(validSample());

            assertThat(SampleDecoder.canonical(bytes)).isNotNull().isEqualTo(Json.decode(bytes, Sample.class));
        }
    }

    @Test
    void monitoringFailedProbesTakeTheFastPassToo() {
        Sample failed = new Sample(1, SampleKind.PROBE, "collector-1", "gateway",
                Instant.parse("2026-01-01T00:00:00Z"), false, 3.5, null, "unknown host no-such-host.invalid",
                Map.of(), Map.of(), true);
        byte[] bytes = Json.encode(failed);

        assertThat(SampleDecoder.canonical(bytes)).isEqualTo(failed).isEqualTo(Json.decode(bytes, Sample.class));
        assertSameOutcome(new String(bytes, StandardCharsets.UTF_8).replace("\"up\":false", "\"up\":true")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mutatedSamplesDecodeOrFailExactlyAsTheMapperDoes() {
        int fast = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = mutated();
            assertSameOutcome(bytes);
            fast += SampleDecoder.canonical(bytes) != null ? 1 : 0;
        }
        // the comparison covered both passes
        assertThat(fast).isBetween(1, 19_999);
    }

    @Test
    void damagedBytesFailExactlyAsTheMapperDoes() {
        List<byte[]> inputs = new ArrayList<>(List.of(new byte[0], "null".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 5000; i++) {
            byte[] bytes = Json.encode(validSample());
            int cut = random.nextInt(bytes.length);
            inputs.add(random.nextBoolean() ? java.util.Arrays.copyOf(bytes, cut) : damage(bytes, cut));
            inputs.add((new String(bytes, StandardCharsets.UTF_8) + (random.nextBoolean() ? " {}" : "x"))
                    .getBytes(StandardCharsets.UTF_8));
        }
        inputs.forEach(SampleDecoderTest::assertSameOutcome);
        assertSameOutcome(null);
    }

    @Test
    void canonicalInstantsParseAsInstantParseDoes() {
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            String text = instant.toString();

            assertThat(SampleDecoder.instant(text)).isEqualTo(Instant.parse(text));
        }
    }

    private static void assertSameOutcome(byte[] bytes) {
        Object expected = outcome(() -> Json.decode(bytes, Sample.class));
        Object actual = outcome(() -> SampleDecoder.decode(bytes));
        assertThat(actual).as(bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    /** The sample, or the exception's class and message. */
    private static Object outcome(java.util.function.Supplier<Sample> decode) {
        try {
            return decode.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private Sample validSample() {
        SampleKind kind = SampleKind.values()[random.nextInt(SampleKind.values().length)];
        Map<String, Double> metrics = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            metrics.put("m_" + random.nextInt(20), random.nextBoolean() ? random.nextInt(1000) : random.nextDouble());
        }
        Map<String, String> labels = new HashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            labels.put("l" + random.nextInt(5), random.nextBoolean() ? "chat" : "é \" \\ value " + i);
        }
        Instant ts = Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextInt(86_400_000))
                .plusNanos(random.nextBoolean() ? 0 : random.nextInt(1_000_000));
        boolean up = random.nextBoolean();
        return new Sample(random.nextBoolean() ? 1 : null, kind, "collector-" + random.nextInt(3),
                "svc_" + random.nextInt(5), ts, kind == SampleKind.EVENT && random.nextBoolean() ? null : up,
                random.nextBoolean() ? random.nextDouble() * 100 : null, random.nextBoolean() ? 200 : null,
                up ? null : "timeout", metrics, labels);
    }

    /** A sample whose fields are each kept, dropped, replaced by a hostile value, or joined by an unknown one. */
    private byte[] mutated() {
        Map<String, Object> valid = Map.of("v", 1, "kind", "\"probe\"", "host", "\"h-1\"", "service", "\"gateway\"",
                "ts", "\"2026-01-01T00:00:00.125Z\"", "up", true, "latency_ms", 12.5, "status_code", 200,
                "metrics", "{\"cpu_pct\":1.5,\"q\":3}", "labels", "{\"model_type\":\"chat\"}");
        List<String> parts = new ArrayList<>();
        for (String field : FIELDS) {
            int choice = random.nextInt(10);
            if (choice < 6) {
                parts.add("\"" + field + "\":" + valid.get(field));
            } else if (choice < 8) {
                parts.add("\"" + field + "\":" + HOSTILE[random.nextInt(HOSTILE.length)]);
            } else if (choice == 8) {
                parts.add("\"" + field + "\":" + valid.get(field));
                parts.add("\"" + (random.nextBoolean() ? field : "extra") + "\":"
                        + HOSTILE[random.nextInt(HOSTILE.length)]);
            }
        }
        java.util.Collections.shuffle(parts, random);
        return ("{" + String.join(",", parts) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] damage(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) random.nextInt(256);
        return copy;
    }
}
