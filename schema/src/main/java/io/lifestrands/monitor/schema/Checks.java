package io.lifestrands.monitor.schema;

import java.util.Map;
import java.util.regex.Pattern;

/** Field checks shared by the record constructors; every message names the offending JSON field and value. */
final class Checks {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");
    static final int MAX_TEXT = 4096;
    static final int MAX_ENTRIES = 256;

    private Checks() {
    }

    static String id(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!isId(value)) {
            throw new IllegalArgumentException(field + " must match " + ID.pattern() + ", was '" + clip(value) + "'");
        }
        return value;
    }

    /** Whether {@code value} matches {@link #ID}; a character loop, as this runs for every id of every sample. */
    static boolean isId(String value) {
        int length = value.length();
        if (length < 1 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '.' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, was " + value);
        }
        return value;
    }

    static Double nonNegative(String field, Double value) {
        if (value != null && (!Double.isFinite(value) || value < 0)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    static String text(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT + " characters, was "
                    + value.length());
        }
        return value;
    }

    static Map<String, Double> metrics(Map<String, Double> metrics) {
        if (metrics == null) {
            return Map.of();
        }
        if (metrics.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("metrics must have at most " + MAX_ENTRIES + " entries, had "
                    + metrics.size());
        }
        metrics.forEach((name, value) -> {
            id("metrics key", name);
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metrics." + name + " must be a finite number, was " + value);
            }
        });
        return Map.copyOf(metrics);
    }

    static Map<String, String> labels(Map<String, String> labels) {
        if (labels == null) {
            return Map.of();
        }
        if (labels.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("labels must have at most " + MAX_ENTRIES + " entries, had "
                    + labels.size());
        }
        labels.forEach((name, value) -> {
            id("labels key", name);
            if (value == null) {
                throw new IllegalArgumentException("labels." + name + " must be a string, was null");
            }
            text("labels." + name, value);
        });
        return Map.copyOf(labels);
    }

    static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
