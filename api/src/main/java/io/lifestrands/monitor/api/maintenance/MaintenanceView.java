package io.lifestrands.monitor.api.maintenance;

import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.MaintenanceWindow.Occurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A maintenance window as the API answers it: the record's fields, and where it stands at the time of the answer.
 *
 * @param active  whether an occurrence runs now
 * @param current the running occurrence as instants; absent when none runs
 * @param next    the next occurrence to start after now (after {@code current} when one runs); absent when none is
 *                left (a one-off window that has started)
 */
record MaintenanceView(String id, List<String> services, String zone, LocalDateTime start, LocalDateTime end,
                       String repeat, List<DayOfWeek> days, String comment, String createdBy, Instant createdAt,
                       Instant updatedAt, boolean active, Occurrence current, Occurrence next) {

    static MaintenanceView of(MaintenanceWindow window, Instant now) {
        Occurrence current = window.occurrenceAt(now).orElse(null);
        Occurrence next = window.next(current == null ? now : current.end())
                .filter(o -> o.start().isAfter(now)).orElse(null);
        return new MaintenanceView(window.id(), window.services(), window.zone().getId(), window.start(),
                window.end(), window.repeat().wire(), window.days(), window.comment(), window.createdBy(),
                window.createdAt(), window.updatedAt(), current != null, current, next);
    }
}
