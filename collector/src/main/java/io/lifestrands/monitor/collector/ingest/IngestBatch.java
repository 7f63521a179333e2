package io.lifestrands.monitor.collector.ingest;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A pushed batch split into valid samples and rejected ones, each rejection with its array index and a reason that
 * names the field.
 *
 * @param valid    samples to publish, in batch order
 * @param rejected what cannot be published, in batch order
 */
record IngestBatch(List<Sample> valid, List<Rejection> rejected) {

    /** One rejected element of the batch. */
    record Rejection(int index, String reason) {
    }

    IngestBatch {
        valid = List.copyOf(valid);
        rejected = List.copyOf(rejected);
    }

    /**
     * Parses a body that must be a JSON array of samples of kind {@code request} or {@code event}. A sample without
     * {@code host} gets the collector's host id.
     *
     * @throws IngestProblem (400) when the body is not a JSON array at all
     */
    static IngestBatch parse(byte[] body, String defaultHost) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw IngestProblem.malformed("body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw IngestProblem.malformed("body must be a JSON array of samples");
        }
        List<Sample> valid = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (!element.isObject()) {
                rejected.add(new Rejection(i, "sample must be a JSON object"));
                continue;
            }
            try {
                Sample sample = Json.convert(withHost((ObjectNode) element, defaultHost), Sample.class);
                if (sample == null) {
                    rejected.add(new Rejection(i, "sample must be a JSON object"));
                } else if (sample.kind() == SampleKind.PROBE) {
                    rejected.add(new Rejection(i, "kind must be request or event: probe samples come only from the"
                            + " collector's own probes"));
                } else {
                    valid.add(sample);
                }
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejection(i, e.getMessage()));
            }
        }
        return new IngestBatch(valid, rejected);
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
