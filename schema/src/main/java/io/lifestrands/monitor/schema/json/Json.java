package io.lifestrands.monitor.schema.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.time.Duration;

/**
 * The one JSON mapping of the system: snake_case fields, ISO-8601 instants, durations as {@code 30s}/{@code 5m},
 * absent fields omitted, strict scalars (no string-to-number coercion), bounded nesting and string length.
 */
public final class Json {

    /** Deepest nesting a record may have; real records need fewer than 5 levels. */
    public static final int MAX_NESTING = 32;
    /** Longest string value accepted, in characters. */
    public static final int MAX_STRING = 64 * 1024;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxStringLength(MAX_STRING)
                            .build())
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("monitor-durations")
                    .addSerializer(Duration.class, new DurationSerializer())
                    .addDeserializer(Duration.class, new DurationDeserializer()))
            .build();

    private Json() {
    }

    /** Encodes a record as UTF-8 JSON. */
    public static byte[] encode(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Encodes a record as a JSON string. */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * Decodes UTF-8 JSON into {@code type}.
     *
     * @throws InvalidRecordException when the bytes are not valid JSON of that type; the message names the field
     */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException("empty record", null);
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new InvalidRecordException("record is JSON null", null);
            }
            return value;
        } catch (JacksonException e) {
            throw new InvalidRecordException(reason(e), e);
        }
    }

    /** Decodes a JSON string into {@code type}; see {@link #decode(byte[], Class)}. */
    public static <T> T read(String text, Class<T> type) {
        return decode(text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    /** Converts an already-parsed tree into {@code type}; see {@link #decode(byte[], Class)}. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new InvalidRecordException(reason(e), e);
        }
    }

    /** A one-line reason for a decoding failure that names the JSON field path where Jackson knows it. */
    static String reason(JacksonException e) {
        Throwable cause = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : null;
        String message = cause != null ? cause.getMessage() : e.getOriginalMessage();
        String path = e.getPath().isEmpty() || cause != null ? "" : pathOf(e);
        String text = path.isEmpty() ? message : path + ": " + message;
        text = text == null ? e.getClass().getSimpleName() : text.replace('\n', ' ');
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String pathOf(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** Formats a duration the way rules are written: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1500ms}. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /**
     * Parses {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, {@code 250ms} or ISO-8601 ({@code PT30S}).
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("bad unit");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("duration must look like 30s, 5m, 1h, 250ms or PT30S, was '" + text
                    + "'");
        }
    }

    private static final class DurationSerializer extends ValueSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(formatDuration(value));
        }
    }

    private static final class DurationDeserializer extends ValueDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.currentToken().isScalarValue() || p.currentToken().isNumeric()) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            try {
                return parseDuration(p.getString());
            } catch (IllegalArgumentException e) {
                return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getString(), e.getMessage());
            }
        }
    }
}
