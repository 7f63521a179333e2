package io.lifestrands.monitor.api.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lifestrands.monitor.schema.MaintenanceCalendar;
import io.lifestrands.monitor.schema.MetricWindow;

import java.util.List;

/**
 * The succeeded share of a probe series' checks over a range, with maintenance left out: a window that shares any
 * instant with a maintenance occurrence of its service does not count, so planned work does not cost availability.
 *
 * @param value                 succeeded share of the checks in the windows outside maintenance, 0 to 1; null
 *                              (unavailable, never 0 or 1) when none of them holds a check
 * @param includingMaintenance  the same share over every window of the range, maintenance included; null likewise
 * @param windows               windows that counted
 * @param excludedWindows       windows left out for maintenance
 */
public record Availability(@JsonInclude(JsonInclude.Include.ALWAYS) Double value,
                           @JsonInclude(JsonInclude.Include.ALWAYS) Double includingMaintenance, int windows,
                           int excludedWindows) {

    /** @param series windows of one service's series, any order */
    public static Availability of(List<MetricWindow> series, MaintenanceCalendar calendar) {
        List<MetricWindow> counted = series.stream().filter(w -> !calendar.overlaps(w.service(), w.windowStart(),
                w.windowEnd())).toList();
        return new Availability(share(counted), share(series), counted.size(), series.size() - counted.size());
    }

    private static Double share(List<MetricWindow> windows) {
        long count = windows.stream().mapToLong(MetricWindow::count).sum();
        long errors = windows.stream().mapToLong(MetricWindow::errors).sum();
        return count == 0 ? null : 1 - (double) errors / count;
    }
}
