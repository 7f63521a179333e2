package io.lifestrands.monitor.api.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The latest version of each key of a compacted topic the api writes and reads back (silences, maintenance windows):
 * a version older than the one held is ignored, so a record read late from the topic does not undo a newer write of
 * this instance.
 *
 * @param <T> the record
 */
public final class LatestVersions<T> {

    private final Map<String, T> values = new ConcurrentHashMap<>();
    private final Function<T, String> key;
    private final Function<T, Instant> writtenAt;

    public LatestVersions(Function<T, String> key, Function<T, Instant> writtenAt) {
        this.key = key;
        this.writtenAt = writtenAt;
    }

    /** Takes a version unless a newer one of its key is held. */
    public void apply(T value) {
        values.merge(key.apply(value), value, (held, given) -> writtenAt.apply(given).isBefore(writtenAt.apply(held))
                ? held : given);
    }

    /** Forgets a key (its tombstone). */
    public void remove(String id) {
        values.remove(id);
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(values.get(id));
    }

    /** A copy of every value held, in no order. */
    public List<T> all() {
        return List.copyOf(values.values());
    }
}
