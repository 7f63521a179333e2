package io.lifestrands.monitor.api.system;

import io.lifestrands.monitor.schema.Names;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
