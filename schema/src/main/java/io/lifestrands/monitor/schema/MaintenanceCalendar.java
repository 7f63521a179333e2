package io.lifestrands.monitor.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Maintenance windows read together: whether a service is in maintenance at an instant, and which of a range's time
 * it spent in maintenance. The one definition the api (notifications, status, availability) and the processor (SLO
 * budgets) share.
 *
 * @param windows the windows known, e.g. the latest value of each key of {@code monitor.maintenance.v1}
 */
public record MaintenanceCalendar(List<MaintenanceWindow> windows) {

    /** The status the api shows for a service while a window covers it, beside its probed status. */
    public static final String STATUS = "maintenance";

    public MaintenanceCalendar {
        windows = List.copyOf(windows);
    }

    public static MaintenanceCalendar of(Collection<MaintenanceWindow> windows) {
        return new MaintenanceCalendar(List.copyOf(windows));
    }

    /** The windows covering {@code service} that are active at {@code now}, by id. */
    public List<MaintenanceWindow> activeFor(String service, Instant now) {
        return windows.stream().filter(w -> w.covers(service) && w.activeAt(now))
                .sorted(Comparator.comparing(MaintenanceWindow::id)).toList();
    }

    /** Whether {@code service} is in maintenance at {@code now}. */
    public boolean inMaintenance(String service, Instant now) {
        return windows.stream().anyMatch(w -> w.covers(service) && w.activeAt(now));
    }

    /**
     * The time of {@code [from, to)} that {@code service} spent in maintenance, as disjoint intervals clipped to the
     * range, in order; overlapping occurrences of different windows are merged.
     */
    public List<MaintenanceWindow.Occurrence> intervals(String service, Instant from, Instant to) {
        List<MaintenanceWindow.Occurrence> all = new ArrayList<>();
        windows.stream().filter(w -> w.covers(service))
                .forEach(w -> w.occurrencesBetween(from, to).forEach(o -> all.add(new MaintenanceWindow.Occurrence(
                        o.start().isBefore(from) ? from : o.start(), o.end().isAfter(to) ? to : o.end()))));
        all.sort(Comparator.comparing(MaintenanceWindow.Occurrence::start));
        List<MaintenanceWindow.Occurrence> merged = new ArrayList<>();
        for (MaintenanceWindow.Occurrence o : all) {
            MaintenanceWindow.Occurrence last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !o.start().isAfter(last.end())) {
                merged.set(merged.size() - 1, new MaintenanceWindow.Occurrence(last.start(),
                        o.end().isAfter(last.end()) ? o.end() : last.end()));
            } else {
                merged.add(o);
            }
        }
        return merged;
    }

    /** How much of {@code [from, to)} {@code service} spent in maintenance. */
    public Duration maintenanceTime(String service, Instant from, Instant to) {
        return intervals(service, from, to).stream().map(o -> Duration.between(o.start(), o.end()))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Whether any instant of {@code [from, to)} (e.g. a metric window) is in maintenance for {@code service}. */
    public boolean overlaps(String service, Instant from, Instant to) {
        return windows.stream().anyMatch(w -> w.covers(service) && !w.occurrencesBetween(from, to).isEmpty());
    }
}
