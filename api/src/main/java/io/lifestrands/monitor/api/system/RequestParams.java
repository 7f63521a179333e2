package io.lifestrands.monitor.api.system;

import io.lifestrands.monitor.schema.Names;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks shared by request parameters; each failure is a {@link BadRequestException} naming the parameter. */
public final class RequestParams {

    private static final Pattern ID = Names.ID;

    private RequestParams() {
    }

    /** Accepts null or blank (no value); otherwise the value must look like a service or metric id. */
    public static void checkId(String name, String value) {
        if (value != null && !value.isBlank() && !ID.matcher(value).matches()) {
            throw new BadRequestException(name + " must match " + ID.pattern() + ", was '" + clip(value) + "'");
        }
    }

    /** An ISO-8601 instant ({@code 2024-01-01T12:00:00Z}) or a date (midnight UTC). */
    public static Instant instant(String name, String text) {
        String value = text.trim();
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant (2024-01-01T12:00:00Z) or date "
                    + "(2024-01-01), was '" + clip(value) + "'");
        }
    }

    /** {@link #instant} of the text, or null when it is absent or blank. */
    public static Instant instantOrNull(String name, String text) {
        return text == null || text.isBlank() ? null : instant(name, text);
    }

    /** @throws BadRequestException unless {@code start} is before {@code end}; either may be null (no bound) */
    public static void checkRange(Instant start, Instant end) {
        if (start != null && end != null && !start.isBefore(end)) {
            throw new BadRequestException("start must be before end, was start=" + start + " end=" + end);
        }
    }

    /** The value lower-cased when it is one of {@code allowed} (lower-case names), null when absent or blank. */
    public static String oneOf(String name, String value, Collection<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw new BadRequestException(name + " must be one of " + allowed.stream().sorted().toList() + ", was '"
                    + clip(value) + "'");
        }
        return lower;
    }

    /** An integer within {@code [min, max]}, or {@code fallback} when absent. */
    public static int intInRange(String name, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be an integer, was '" + clip(text) + "'");
        }
        if (value < min || value > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The text cut to 64 characters, for echoing a bad value without echoing a huge one. */
    public static String clip(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
