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
 */
public record TopicSpec<K, V>(String name, int partitions, Duration retention, boolean compacted,
                              Serde<K> keySerde, Serde<V> valueSerde) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions of " + name + " must be >= 1, was " + partitions);
        }
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** Topic-level configs to create it with ({@code cleanup.policy}, {@code retention.ms}). */
    public Map<String, String> configs() {
        Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", compacted ? "compact" : "delete");
        if (!compacted && retention != null) {
            configs.put("retention.ms", Long.toString(retention.toMillis()));
        }
        return Map.copyOf(configs);
    }
}
