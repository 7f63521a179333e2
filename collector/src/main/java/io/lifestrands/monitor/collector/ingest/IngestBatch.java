package io.lifestrands.monitor.collector.ingest;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pushed batch split into valid samples and rejected ones, each rejection with its array index and a reason that
 * names the field.
 *
 * @param valid    samples to publish with the bytes to publish, in batch order
 * @param rejected what cannot be published, in batch order
 */
record IngestBatch(List<Accepted> valid, List<Rejection> rejected) {

    /**
     * Top-level fields of a sample. An element with only these, each once, and a {@code host} decodes on the topic
     * to the same {@link Sample} as here, so its own bytes are published; any other element is re-encoded.
     */
    static final Set<String> SAMPLE_FIELDS = Set.of("v", "kind", "host", "service", "ts", "up", "latency_ms",
            "status_code", "error", "metrics", "labels");

    /**
     * Elements longer than this are re-encoded even when clean, so padding whitespace never makes a record larger
     * than its normalised form by more than this.
     */
    static final int MAX_RAW_ELEMENT_BYTES = 16 * 1024;

    /** One valid element: the sample and the UTF-8 JSON to publish for it. */
    record Accepted(Sample sample, byte[] json) {
    }

    /** One rejected element of the batch. */
    record Rejection(int index, String reason) {
    }

    IngestBatch {
        valid = List.copyOf(valid);
        rejected = List.copyOf(rejected);
    }

    /**
     * Parses a body that must be a JSON array of samples of kind {@code request} or {@code event}, element by element
     * with a streaming parser. A sample without {@code host} gets the collector's host id.
     *
     * @throws IngestProblem (400) when the body is not a JSON array at all
     */
    static IngestBatch parse(byte[] body, String defaultHost) {
        if (!startsUtf8Array(body)) {
            return parseTree(body, defaultHost);
        }
        List<Accepted> valid = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw IngestProblem.malformed("body must be a JSON array of samples");
            }
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    rejected.add(new Rejection(index++, "sample must be a JSON object"));
                    continue;
                }
                element(body, parser, index++, defaultHost, valid, rejected);
            }
            if (parser.nextToken() != null) {
                throw IngestProblem.malformed("body must be a JSON array of samples");
            }
        } catch (JacksonException e) {
            throw IngestProblem.malformed("body is not valid JSON: " + e.getOriginalMessage());
        }
        return new IngestBatch(valid, rejected);
    }

    /** Whether the body starts like a UTF-8 JSON array, so the streaming parser's byte offsets slice it. */
    private static boolean startsUtf8Array(byte[] body) {
        int i = 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
            i++;
        }
        return i + 1 < body.length && body[i] == '[' && body[i + 1] != 0;
    }

    /** The whole body as a tree, then element by element: for bodies {@link #startsUtf8Array} does not recognise. */
    private static IngestBatch parseTree(byte[] body, String defaultHost) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw IngestProblem.malformed("body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw IngestProblem.malformed("body must be a JSON array of samples");
        }
        List<Accepted> valid = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            if (root.get(i).isObject()) {
                fromTree((ObjectNode) root.get(i), i, defaultHost, valid, rejected);
            } else {
                rejected.add(new Rejection(i, "sample must be a JSON object"));
            }
        }
        return new IngestBatch(valid, rejected);
    }

    /** Reads the object the parser is at; the parser ends on its closing brace. */
    private static void element(byte[] body, JsonParser parser, int index, String defaultHost, List<Accepted> valid,
                                List<Rejection> rejected) {
        long start = parser.currentTokenLocation().getByteOffset();
        boolean clean = cleanFields(parser);
        long end = parser.currentTokenLocation().getByteOffset() + 1;
        if (start < 0 || end <= start) {
            // Jackson decoded another encoding than UTF-8 (UTF-16, UTF-32): no byte offsets to slice by
            throw new IllegalStateException("no byte offsets for element " + index + " of a non-UTF-8 body");
        }
        int offset = (int) start;
        int length = (int) (end - start);
        if (clean && length <= MAX_RAW_ELEMENT_BYTES) {
            try {
                Sample sample = Json.MAPPER.readValue(body, offset, length, Sample.class);
                if (sample.kind() != SampleKind.PROBE) {
                    valid.add(new Accepted(sample, Arrays.copyOfRange(body, offset, offset + length)));
                    return;
                }
            } catch (JacksonException | IllegalArgumentException e) {
                // the tree path below states the reason exactly as before
            }
        }
        fromTree((ObjectNode) Json.MAPPER.readTree(body, offset, length), index, defaultHost, valid, rejected);
    }

    /** Skips the object's fields; whether each is a sample field, present once, and {@code host} is among them. */
    private static boolean cleanFields(JsonParser parser) {
        Set<String> seen = new HashSet<>();
        boolean clean = true;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.PROPERTY_NAME) {
                throw IngestProblem.malformed("body is not valid JSON: expected a property name, was " + token);
            }
            String name = parser.currentName();
            clean &= SAMPLE_FIELDS.contains(name) && seen.add(name);
            parser.nextToken();
            parser.skipChildren();
        }
        return clean && seen.contains("host");
    }

    private static void fromTree(ObjectNode element, int index, String defaultHost, List<Accepted> valid,
                                 List<Rejection> rejected) {
        try {
            Sample sample = Json.convert(withHost(element, defaultHost), Sample.class);
            if (sample == null) {
                rejected.add(new Rejection(index, "sample must be a JSON object"));
            } else if (sample.kind() == SampleKind.PROBE) {
                rejected.add(new Rejection(index, "kind must be request or event: probe samples come only from the"
                        + " collector's own probes"));
            } else {
                valid.add(new Accepted(sample, Json.encode(sample)));
            }
        } catch (IllegalArgumentException e) {
            rejected.add(new Rejection(index, e.getMessage()));
        }
    }

    private static JsonNode withHost(ObjectNode sample, String defaultHost) {
        if (sample.has("host")) {
            return sample;
        }
        ObjectNode copy = sample.deepCopy();
        copy.put("host", defaultHost);
        return copy;
    }
}
