package io.lifestrands.monitor.api.maintenance;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.schema.MaintenanceWindow;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /maintenance} and {@code PUT /maintenance/{id}}: a window's schedule as text, checked here
 * so that each bad field is answered with its own reason.
 *
 * @param id        optional on {@code POST} (a random one is made); ignored on {@code PUT}
 * @param start     local date-time in {@code zone}, e.g. {@code 2026-03-29T01:00}
 * @param repeat    {@code none} (default), {@code daily} or {@code weekly}
 * @param days      weekly only: day names, e.g. {@code ["monday", "thursday"]}
 * @param createdBy who; on {@code POST} the token's name when absent, on {@code PUT} the creator is kept
 */
record MaintenanceRequest(String id, List<String> services, String zone, String start, String end, String repeat,
                          List<String> days, String comment, String createdBy) {

    /**
     * The window this asks for, made by {@code by} at {@code createdAt}.
     *
     * @throws BadRequestException naming the field and the value when one is missing or invalid
     */
    MaintenanceWindow toWindow(String id, String by, Instant createdAt, Instant now) {
        if (services == null || services.isEmpty()) {
            throw new BadRequestException("services must name at least one service");
        }
        ZoneId zoneId = zone(zone);
        LocalDateTime from = local("start", start);
        LocalDateTime to = local("end", end);
        try {
            MaintenanceWindow.Repeat every = repeat == null || repeat.isBlank() ? MaintenanceWindow.Repeat.NONE
                    : MaintenanceWindow.Repeat.ofWire(repeat.trim().toLowerCase(Locale.ROOT));
            return new MaintenanceWindow(null, id, services, zoneId, from, to, every, days(days),
                    comment == null ? "" : comment, by, createdAt, now);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** Who the body says made it, else {@code fallback}. */
    String creatorOr(String fallback) {
        return createdBy == null || createdBy.isBlank() ? fallback : createdBy.trim();
    }

    private static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException("zone must name an IANA time zone, e.g. Europe/Berlin");
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new BadRequestException("zone must be a known IANA time zone, e.g. Europe/Berlin, was '"
                    + clip(text) + "'");
        }
    }

    private static LocalDateTime local(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException(field + " must be a local date-time, e.g. 2026-03-29T01:00");
        }
        try {
            return LocalDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field + " must be a local date-time without offset, e.g. 2026-03-29T01:00,"
                    + " was '" + clip(text) + "'");
        }
    }

    private static List<DayOfWeek> days(List<String> names) {
        if (names == null) {
            return List.of();
        }
        return names.stream().map(name -> {
            try {
                return DayOfWeek.valueOf(String.valueOf(name).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("days must be day names such as monday, was '" + clip(name) + "'");
            }
        }).toList();
    }

    private static String clip(String text) {
        String value = String.valueOf(text);
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
