package io.lifestrands.monitor.api.maintenance;

import io.lifestrands.monitor.api.kafka.LatestVersions;
import io.lifestrands.monitor.schema.MaintenanceCalendar;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every maintenance window this api knows: the latest version of each from the compacted {@code monitor.maintenance.v1}
 * (read from its beginning by the live consumer), and the ones this instance just wrote. What it answers comes from
 * {@link MaintenanceCalendar}, the definition the processor shares.
 */
@Component
public class MaintenanceBook {

    /** How a window that holds an alert is named beside silence ids, e.g. in {@code alerts.silenced_by}. */
    public static final String HOLD_PREFIX = "maintenance:";

    private final LatestVersions<MaintenanceWindow> windows = new LatestVersions<>(MaintenanceWindow::id,
            MaintenanceWindow::updatedAt);

    /** Takes a version of a window unless a newer one of it is held. */
    void apply(MaintenanceWindow window) {
        windows.apply(window);
    }

    void remove(String id) {
        windows.remove(id);
    }

    Optional<MaintenanceWindow> find(String id) {
        return windows.find(id);
    }

    /** Every window, by id. */
    List<MaintenanceWindow> all() {
        return windows.all().stream().sorted(Comparator.comparing(MaintenanceWindow::id)).toList();
    }

    /** The windows known now, as a calendar. */
    public MaintenanceCalendar calendar() {
        return MaintenanceCalendar.of(windows.all());
    }

    /** The ids of the windows that put {@code service} in maintenance at {@code now}, sorted; empty when none. */
    public List<String> activeFor(String service, Instant now) {
        return calendar().activeFor(service, now).stream().map(MaintenanceWindow::id).toList();
    }

    /**
     * {@link #activeFor} named as holds ({@code maintenance:<id>}): what a silence check adds for an alert of
     * {@code service}.
     */
    public List<String> holding(String service, Instant now) {
        return activeFor(service, now).stream().map(id -> HOLD_PREFIX + id).toList();
    }
}
