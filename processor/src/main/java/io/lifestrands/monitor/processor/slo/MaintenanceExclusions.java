package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.schema.MaintenanceCalendar;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The maintenance windows of {@code monitor.maintenance.v1} as {@link Exclusions}: an event of a service inside one
 * of its windows' occurrences is left out of its SLOs' budgets, as the api leaves that time out of availability
 * (both ask {@link MaintenanceCalendar}). Read from the global store at each {@link #refresh()}; a record that does
 * not decode is skipped and logged once.
 */
public final class MaintenanceExclusions implements Exclusions {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceExclusions.class);

    private final ReadOnlyKeyValueStore<String, byte[]> store;
    private MaintenanceCalendar calendar = MaintenanceCalendar.of(List.of());
    private Set<String> broken = Set.of();

    public MaintenanceExclusions(ReadOnlyKeyValueStore<String, byte[]> store) {
        this.store = store;
        refresh();
    }

    @Override
    public boolean excluded(String service, Instant at) {
        return calendar.inMaintenance(service, at);
    }

    @Override
    public void refresh() {
        List<MaintenanceWindow> windows = new ArrayList<>();
        Set<String> failed = new HashSet<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                try {
                    windows.add(Json.decode(entry.value, MaintenanceWindow.class));
                } catch (RuntimeException e) {
                    failed.add(entry.key);
                    if (!broken.contains(entry.key)) {
                        log.warn("Ignoring maintenance window {}: it does not decode ({})", entry.key,
                                e.getMessage());
                    }
                }
            }
        }
        calendar = MaintenanceCalendar.of(windows);
        broken = Set.copyOf(failed);
    }
}
