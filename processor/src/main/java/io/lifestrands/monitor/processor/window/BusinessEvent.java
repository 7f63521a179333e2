package io.lifestrands.monitor.processor.window;

import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A business event taken from an {@code event} sample: counted per UTC day as metric {@code event:<name>}, where
 * the name is the sample's {@code labels.event}, with the event's value (e.g. a conversation's duration) sketched.
 *
 * @param metric the metric id, {@code event:<name>}
 * @param value  the event's value, absent when the sample has no numeric metric
 */
record BusinessEvent(String metric, Double value) {

    static final String LABEL = "event";
    static final String PREFIX = Names.EVENT_PREFIX;
    static final String UNNAMED = "unnamed";
    /** The value of these events; any other event's value is its alphabetically first metric. */
    static final Map<String, String> VALUE_METRIC = Map.of(
            "conversation_ended", "duration_ms",
            "summary_processed", "processing_time_ms");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:\\-]{1,100}");

    /**
     * The event of an {@code event} sample, empty for other kinds; an event without {@code labels.event} is
     * counted as {@code event:unnamed}.
     *
     * @throws IllegalArgumentException when {@code labels.event} is not a valid id
     */
    static Optional<BusinessEvent> of(Sample sample) {
        if (sample.kind() != SampleKind.EVENT) {
            return Optional.empty();
        }
        String name = sample.labels().getOrDefault(LABEL, UNNAMED);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("labels.event must match " + NAME.pattern() + ", was '"
                    + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'");
        }
        return Optional.of(new BusinessEvent(PREFIX + name, valueOf(name, sample.metrics())));
    }

    private static Double valueOf(String name, Map<String, Double> metrics) {
        String preferred = VALUE_METRIC.get(name);
        if (preferred != null && metrics.containsKey(preferred)) {
            return metrics.get(preferred);
        }
        return metrics.isEmpty() ? null : new TreeMap<>(metrics).firstEntry().getValue();
    }
}
