package io.lifestrands.monitor.processor.validate;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Decodes a raw sample with the outcome of {@code Json.decode(bytes, Sample.class)}, cheaper for the common case.
 * A streaming pass accepts only the canonical shape the collectors write: each known field at most once, with its
 * exact JSON type (no nulls, no unknown fields), {@code ts} as {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, and nothing
 * after the object. The {@link Sample} constructor then runs every contract check. Anything else, including any
 * failed check, is decoded again by {@link Json#decode}, so a bad record is rejected with exactly the reason and
 * exception it always had, and the fast pass never accepts what the mapper would reject.
 */
final class SampleDecoder {

    private static final Map<String, SampleKind> KINDS = new HashMap<>();

    static {
        for (SampleKind kind : SampleKind.values()) {
            String quoted = Json.write(kind);
            KINDS.put(quoted.substring(1, quoted.length() - 1), kind);
        }
    }

    private SampleDecoder() {
    }

    /** The sample, or the {@code InvalidRecordException}/{@code IllegalArgumentException} of {@link Json#decode}. */
    static Sample decode(byte[] bytes) {
        Sample sample = bytes == null ? null : canonical(bytes);
        return sample != null ? sample : Json.decode(bytes, Sample.class);
    }

    /** The sample when {@code bytes} has the canonical shape and passes its checks; otherwise null. */
    static Sample canonical(byte[] bytes) {
        try (JsonParser p = Json.MAPPER.createParser(bytes)) {
            return p.nextToken() == JsonToken.START_OBJECT ? fields(p) : null;
        } catch (RuntimeException e) {
            // malformed or failing a check: the mapper decodes it again and names the reason
            return null;
        }
    }

    private static Sample fields(JsonParser p) {
        Integer v = null;
        Integer statusCode = null;
        SampleKind kind = null;
        String host = null;
        String service = null;
        String error = null;
        Instant ts = null;
        Boolean up = null;
        Double latencyMs = null;
        Map<String, Double> metrics = null;
        Map<String, String> labels = null;
        Boolean monitoringFailed = null;
        int seen = 0;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            int bit = switch (name) {
                case "v" -> { v = integer(p, token); yield 1; }
                case "kind" -> { kind = KINDS.get(string(p, token)); yield 2; }
                case "host" -> { host = string(p, token); yield 4; }
                case "service" -> { service = string(p, token); yield 8; }
                case "ts" -> { ts = instant(string(p, token)); yield 16; }
                case "up" -> { up = bool(token); yield 32; }
                case "latency_ms" -> { latencyMs = number(p, token); yield 64; }
                case "status_code" -> { statusCode = integer(p, token); yield 128; }
                case "error" -> { error = string(p, token); yield 256; }
                case "metrics" -> { metrics = map(p, token, SampleDecoder::number); yield 512; }
                case "labels" -> { labels = map(p, token, SampleDecoder::string); yield 1024; }
                case "monitoring_failed" -> { monitoringFailed = bool(token); yield 2048; }
                default -> throw new IllegalStateException("not canonical");
            };
            if ((seen & bit) != 0 || (bit == 2 && kind == null) || ts == null && bit == 16) {
                return null;
            }
            seen |= bit;
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            return null;
        }
        return new Sample(v, kind, host, service, ts, up, latencyMs, statusCode, error, metrics, labels,
                monitoringFailed);
    }

    /** An object of names to values read by {@code value}; a repeated name is not canonical. */
    private static <V> Map<String, V> map(JsonParser p, JsonToken token, BiFunction<JsonParser, JsonToken, V> value) {
        require(token == JsonToken.START_OBJECT);
        Map<String, V> out = new HashMap<>();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            require(out.put(name, value.apply(p, p.nextToken())) == null);
        }
        return out;
    }

    private static String string(JsonParser p, JsonToken token) {
        require(token == JsonToken.VALUE_STRING);
        return p.getString();
    }

    private static Integer integer(JsonParser p, JsonToken token) {
        require(token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT);
        return p.getIntValue();
    }

    private static Double number(JsonParser p, JsonToken token) {
        require(token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER);
        return p.getDoubleValue();
    }

    private static Boolean bool(JsonToken token) {
        require(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE);
        return token == JsonToken.VALUE_TRUE;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other form (the mapper then decides). */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || length > 20 && text.charAt(19) != '.') {
            return null;
        }
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = length > 20 ? digits(text, 20, length - 1) * POWERS[30 - length] : 0;
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
            return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** 10^(9 - fraction digits), indexed by {@code 30 - length}: length 30 has 9 digits, 22 has 1. */
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            require(c >= '0' && c <= '9');
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void require(boolean canonical) {
        if (!canonical) {
            throw new IllegalStateException("not canonical");
        }
    }
}
