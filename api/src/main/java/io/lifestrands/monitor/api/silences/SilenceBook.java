package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.Silence;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every silence this api knows: the latest version of each from the compacted {@code monitor.silences.v1} (read from
 * its beginning by the live consumer), and the ones this instance just wrote.
 */
@Component
public class SilenceBook {

    private final Map<String, Silence> silences = new ConcurrentHashMap<>();

    /** Takes a version of a silence unless a newer one of it is held. */
    void apply(Silence silence) {
        silences.merge(silence.id(), silence, (held, given) -> given.updatedAt().isBefore(held.updatedAt())
                ? held : given);
    }

    void remove(String id) {
        silences.remove(id);
    }

    Optional<Silence> find(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    /** Every silence, newest update first. */
    List<Silence> all() {
        return silences.values().stream().sorted(Comparator.comparing(Silence::updatedAt).reversed()).toList();
    }

    /** The ids of the silences that silence {@code alert} at {@code now}, sorted; empty when none does. */
    public List<String> silencing(AlertEvent alert, Instant now) {
        return silencing(Silence.labelsOf(alert), now);
    }

    /** The ids of the silences that silence an alert with these labels ({@link Silence#labelsOf}) at {@code now}. */
    public List<String> silencing(Map<String, String> labels, Instant now) {
        return silences.values().stream().filter(silence -> silence.silences(labels, now)).map(Silence::id)
                .sorted().toList();
    }
}
