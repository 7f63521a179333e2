package io.lifestrands.monitor.schema;

import java.time.Instant;
import java.util.Map;

/**
 * A service's current labels (e.g. {@code model_type}, {@code platform}) on the compacted
 * {@code monitor.service-labels.v1} (key: {@code service}): the whole label map of the service's latest sample that
 * carries any labels, written by the processor only when that map changes. The latest record per key is the current
 * one.
 *
 * @param service the service id, also the record key
 * @param labels  the labels of that sample, all of them (never merged with earlier ones); never null
 * @param ts      event time of the sample they came from
 */
public record ServiceLabels(Integer v, String service, Map<String, String> labels, Instant ts) {

    public static final int VERSION = 1;

    public ServiceLabels {
        v = v == null ? VERSION : v;
        Checks.id("service", service);
        labels = Checks.labels(labels);
        Checks.required("ts", ts);
    }
}
