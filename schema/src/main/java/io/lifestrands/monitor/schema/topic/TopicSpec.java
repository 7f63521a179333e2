package io.lifestrands.monitor.schema.topic;

import org.apache.kafka.common.serialization.Serde;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Layout and serdes of one topic.
 *
 * @param retention how long records are kept; ignored for compacted topics
 * @param segment   how long a log segment stays open before it rolls; only closed segments are compacted or
 *                  deleted. Null for the broker's default ({@code log.roll.ms}, 7 days)
 */
public record TopicSpec<K, V>(String name, int partitions, Duration retention, boolean compacted,
                              Serde<K> keySerde, Serde<V> valueSerde, Duration segment) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions of " + name + " must be >= 1, was " + partitions);
        }
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        if (segment != null && (segment.isNegative() || segment.isZero())) {
            throw new IllegalArgumentException("segment of " + name + " must be > 0, was " + segment);
        }
    }

    /** A topic whose segments roll at the broker's default. */
    public TopicSpec(String name, int partitions, Duration retention, boolean compacted, Serde<K> keySerde,
                     Serde<V> valueSerde) {
        this(name, partitions, retention, compacted, keySerde, valueSerde, null);
    }

    /** Topic-level configs to create it with ({@code cleanup.policy}, {@code retention.ms}, {@code segment.ms}). */
    public Map<String, String> configs() {
        Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", compacted ? "compact" : "delete");
        if (!compacted && retention != null) {
            configs.put("retention.ms", Long.toString(retention.toMillis()));
        }
        if (segment != null) {
            configs.put("segment.ms", Long.toString(segment.toMillis()));
        }
        return Map.copyOf(configs);
    }
}
