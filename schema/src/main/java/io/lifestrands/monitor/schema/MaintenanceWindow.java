package io.lifestrands.monitor.schema;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The schedule of a maintenance window: one-off, daily or weekly, in local time of a named time zone, so a window set
 * for 01:00-03:00 Europe/Berlin starts and ends at 01:00 and 03:00 on the wall clock on both sides of a daylight-saving
 * change. A local time the change skips is taken as the same offset after the gap (02:30 on the spring-forward night
 * starts at 03:30); a repeated local time is taken at its first (earlier) occurrence.
 *
 * @param id       the window's id
 * @param services the services it covers; at least one
 * @param zone     an IANA time zone, e.g. {@code Europe/Berlin}
 * @param start    the first occurrence's local start
 * @param end      the first occurrence's local end, after {@code start}; for a recurring window less than one period
 *                 after it
 * @param repeat   {@code none}, {@code daily} or {@code weekly}
 */
public record MaintenanceWindow(String id, List<String> services, ZoneId zone, LocalDateTime start, LocalDateTime end,
                                Repeat repeat) {

    /** How a window recurs. */
    public enum Repeat {
        NONE(null), DAILY(Duration.ofDays(1)), WEEKLY(Duration.ofDays(7));

        private final Duration period;

        Repeat(Duration period) {
            this.period = period;
        }
    }

    /** One occurrence of a window, as instants. */
    public record Occurrence(Instant start, Instant end) {
        public boolean contains(Instant now) {
            return !now.isBefore(start) && now.isBefore(end);
        }
    }

    public MaintenanceWindow {
        Checks.id("id", id);
        Checks.required("services", services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("services must name at least one service");
        }
        services = List.copyOf(services);
        services.forEach(service -> Checks.id("services", service));
        Checks.required("zone", zone);
        Checks.required("start", start);
        Checks.required("end", end);
        repeat = repeat == null ? Repeat.NONE : repeat;
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start " + start + ", was " + end);
        }
        if (repeat.period != null && !start.plus(repeat.period).isAfter(end)) {
            throw new IllegalArgumentException("a " + repeat.name().toLowerCase(Locale.ROOT)
                    + " window must end less than " + repeat.period + " after it starts, was " + start + " to "
                    + end);
        }
    }

    /** Whether the window covers {@code now}. */
    public boolean activeAt(Instant now) {
        return occurrenceAt(now).isPresent();
    }

    /** The occurrence covering {@code now}; empty between occurrences. */
    public Optional<Occurrence> occurrenceAt(Instant now) {
        if (repeat == Repeat.NONE) {
            return Optional.of(occurrence(0)).filter(o -> o.contains(now));
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        if (local.isBefore(start.minus(repeat.period))) {
            return Optional.empty();
        }
        long days = ChronoUnit.DAYS.between(start.toLocalDate(), local.toLocalDate());
        long k = Math.floorDiv(days, repeat.period.toDays());
        // the occurrence starting in the current period, or the one before still running across its boundary
        for (long candidate = k + 1; candidate >= Math.max(0, k - 1); candidate--) {
            Occurrence occurrence = occurrence(candidate);
            if (occurrence.contains(now)) {
                return Optional.of(occurrence);
            }
        }
        return Optional.empty();
    }

    /** The {@code k}-th occurrence (from 0), its local start and end each placed in the zone on its own day. */
    public Occurrence occurrence(long k) {
        if (k < 0 || (k > 0 && repeat == Repeat.NONE)) {
            throw new IllegalArgumentException("no occurrence " + k + " of a " + repeat + " window");
        }
        long days = repeat.period == null ? 0 : k * repeat.period.toDays();
        return new Occurrence(instant(start.plusDays(days)), instant(end.plusDays(days)));
    }

    private Instant instant(LocalDateTime local) {
        // ZonedDateTime.of takes the earlier offset in an overlap and shifts a time in a gap by the gap's length
        return ZonedDateTime.of(local, zone).toInstant();
    }
}
