package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.api.kafka.LatestVersions;
import io.lifestrands.monitor.api.maintenance.MaintenanceBook;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.Silence;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every silence this api knows: the latest version of each from the compacted {@code monitor.silences.v1} (read from
 * its beginning by the live consumer), and the ones this instance just wrote. What holds an alert back is asked here:
 * its matching silences and the maintenance windows its service is in ({@code maintenance:<id>}), so notifications,
 * history and Alertmanager's API treat both alike.
 */
@Component
public class SilenceBook {

    private final LatestVersions<Silence> silences = new LatestVersions<>(Silence::id, Silence::updatedAt);
    private final MaintenanceBook maintenance;

    public SilenceBook(MaintenanceBook maintenance) {
        this.maintenance = maintenance;
    }

    /** Takes a version of a silence unless a newer one of it is held. */
    void apply(Silence silence) {
        silences.apply(silence);
    }

    void remove(String id) {
        silences.remove(id);
    }

    Optional<Silence> find(String id) {
        return silences.find(id);
    }

    /** Every silence, newest update first. */
    List<Silence> all() {
        return silences.all().stream().sorted(Comparator.comparing(Silence::updatedAt).reversed()).toList();
    }

    /**
     * What holds {@code alert} back at {@code now}: the ids of the silences that silence it and, as
     * {@code maintenance:<id>}, the maintenance windows its service is in; sorted, empty when nothing does.
     */
    public List<String> silencing(AlertEvent alert, Instant now) {
        return silencing(Silence.labelsOf(alert), now);
    }

    /** {@link #silencing(AlertEvent, Instant)} for an alert with these labels ({@link Silence#labelsOf}). */
    public List<String> silencing(Map<String, String> labels, Instant now) {
        Stream<String> held = silences.all().stream().filter(silence -> silence.silences(labels, now))
                .map(Silence::id);
        String service = labels.get("service");
        Stream<String> windows = service == null ? Stream.empty() : maintenance.holding(service, now).stream();
        return Stream.concat(held, windows).sorted().toList();
    }
}
