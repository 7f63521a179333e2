package io.lifestrands.monitor.schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A maintenance window on the compacted {@code monitor.maintenance.v1}, keyed by {@code id} (a tombstone deletes it):
 * while it is active its services keep being probed and recorded, but their alerts are not notified, their status
 * reads {@code maintenance} and the time is left out of availability. The schedule is one-off, daily or weekly, in
 * local time of a named time zone, so a window set for 01:00-03:00 Europe/Berlin starts and ends at 01:00 and 03:00
 * on the wall clock on both sides of a daylight-saving change. A local time the change skips is taken as the same
 * offset after the gap (02:30 on the spring-forward night starts at 03:30); a repeated local time is taken at its
 * first (earlier) occurrence.
 *
 * @param id        the window's id
 * @param services  the services it covers; at least one
 * @param zone      an IANA time zone, e.g. {@code Europe/Berlin}
 * @param start     the first occurrence's local start
 * @param end       the first occurrence's local end, after {@code start}; for a recurring window less than one period
 *                  after it (less than a day with {@code days})
 * @param repeat    {@code none}, {@code daily} or {@code weekly}; absent means {@code none}
 * @param days      only with {@code weekly}: the days of the week (e.g. {@code MONDAY}) it starts on, at the local
 *                  time of {@code start}, from {@code start}'s date on; empty means {@code start}'s own day
 * @param comment   why; may be empty
 * @param createdBy who made it
 * @param createdAt when it was first written
 * @param updatedAt when it was last written
 */
public record MaintenanceWindow(Integer v, String id, List<String> services, ZoneId zone, LocalDateTime start,
                                LocalDateTime end, Repeat repeat, List<DayOfWeek> days, String comment,
                                String createdBy, Instant createdAt, Instant updatedAt) {

    public static final int VERSION = 1;

    /** How a window recurs. */
    public enum Repeat {
        @JsonProperty("none") NONE(null),
        @JsonProperty("daily") DAILY(Duration.ofDays(1)),
        @JsonProperty("weekly") WEEKLY(Duration.ofDays(7));

        private final Duration period;

        Repeat(Duration period) {
            this.period = period;
        }

        /** {@code none}, {@code daily} or {@code weekly}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException naming the text when it is none of the wire names
         */
        public static Repeat ofWire(String text) {
            for (Repeat repeat : values()) {
                if (repeat.wire().equals(text)) {
                    return repeat;
                }
            }
            throw new IllegalArgumentException("repeat must be none, daily or weekly, was '" + Checks.clip(
                    String.valueOf(text)) + "'");
        }
    }

    /** One occurrence of a window, as instants: from {@code start} inclusive to {@code end} exclusive. */
    public record Occurrence(Instant start, Instant end) {
        public boolean contains(Instant now) {
            return !now.isBefore(start) && now.isBefore(end);
        }

        /** Whether it shares any instant with {@code [from, to)}. */
        public boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && end.isAfter(from);
        }
    }

    public MaintenanceWindow {
        v = v == null ? VERSION : v;
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
        days = days == null || days.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(days));
        if (!days.isEmpty() && repeat != Repeat.WEEKLY) {
            throw new IllegalArgumentException("days need repeat weekly, was " + repeat.wire());
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start " + start + ", was " + end);
        }
        Duration longest = days.isEmpty() ? repeat.period : Duration.ofDays(1);
        if (longest != null && !start.plus(longest).isAfter(end)) {
            throw new IllegalArgumentException("a " + repeat.wire() + " window must end less than " + longest
                    + " after it starts, was " + start + " to " + end);
        }
        Checks.required("comment", comment);
        Checks.text("comment", comment);
        Checks.required("created_by", createdBy);
        Checks.text("created_by", createdBy);
        Checks.required("created_at", createdAt);
        Checks.required("updated_at", updatedAt);
    }

    /** Whether the window covers {@code service}. */
    public boolean covers(String service) {
        return services.contains(service);
    }

    /** Whether the window covers {@code now}. */
    public boolean activeAt(Instant now) {
        return occurrenceAt(now).isPresent();
    }

    /** The occurrence covering {@code now}; empty between occurrences. */
    public Optional<Occurrence> occurrenceAt(Instant now) {
        return next(now).filter(o -> o.contains(now));
    }

    /** The occurrence covering {@code now}, else the next one to start; empty when none is left. */
    public Optional<Occurrence> next(Instant now) {
        if (repeat == Repeat.NONE) {
            return Optional.of(occurrence(0)).filter(o -> o.end().isAfter(now));
        }
        long step = stepDays();
        long k = Math.max(0, index(now) - 1);
        // an occurrence is at most one step long, so the one before the current step may still run
        for (long candidate = k; candidate <= k + 2 + 7; candidate++) {
            if (scheduled(candidate)) {
                Occurrence occurrence = occurrence(candidate);
                if (occurrence.end().isAfter(now)) {
                    return Optional.of(occurrence);
                }
            }
        }
        throw new IllegalStateException("no occurrence of " + id + " within " + (step * 9) + " days of " + now);
    }

    /** Every occurrence sharing an instant with {@code [from, to)}, in order. */
    public List<Occurrence> occurrencesBetween(Instant from, Instant to) {
        List<Occurrence> found = new ArrayList<>();
        Optional<Occurrence> next = next(from);
        while (next.isPresent() && next.get().start().isBefore(to)) {
            found.add(next.get());
            next = repeat == Repeat.NONE ? Optional.empty() : next(next.get().end());
        }
        return found;
    }

    /**
     * The {@code k}-th occurrence slot (from 0): {@code k} steps (a day with {@code days}, else the period) after the
     * first, its local start and end each placed in the zone on its own day. With {@code days}, a slot whose day is
     * not listed is not {@link #next scheduled}.
     */
    public Occurrence occurrence(long k) {
        if (k < 0 || (k > 0 && repeat == Repeat.NONE)) {
            throw new IllegalArgumentException("no occurrence " + k + " of a " + repeat + " window");
        }
        long shift = repeat == Repeat.NONE ? 0 : k * stepDays();
        return new Occurrence(instant(start.plusDays(shift)), instant(end.plusDays(shift)));
    }

    private boolean scheduled(long k) {
        return days.isEmpty() || days.contains(start.plusDays(k * stepDays()).getDayOfWeek());
    }

    private long stepDays() {
        return days.isEmpty() ? repeat.period.toDays() : 1;
    }

    /** The slot whose local start date is in the same step as {@code now}'s local date; may be negative. */
    private long index(Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        long daysSince = ChronoUnit.DAYS.between(start.toLocalDate(), local.toLocalDate());
        return Math.floorDiv(daysSince, stepDays());
    }

    private Instant instant(LocalDateTime local) {
        // ZonedDateTime.of takes the earlier offset in an overlap and shifts a time in a gap by the gap's length
        return ZonedDateTime.of(local, zone).toInstant();
    }
}
