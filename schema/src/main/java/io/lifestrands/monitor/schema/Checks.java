package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.FieldViolation;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field checks shared by the record constructors; every message names the offending JSON field and value. Each
 * {@code ...Problem} method says why a value breaks the check (null when it does not), for a record that names
 * every broken field at once ({@link Violations}); the others throw with {@code field reason}.
 */
final class Checks {
    static final Pattern ID = Names.ID;
    static final int MAX_TEXT = 4096;
    static final int MAX_ENTRIES = 256;

    private Checks() {
    }

    static String id(String field, String value) {
        throwIf(field, idProblem(value));
        return value;
    }

    static String idProblem(String value) {
        if (value == null) {
            return "is required";
        }
        return isId(value) ? null : "must match " + ID.pattern() + ", was '" + clip(value) + "'";
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
        throwIf(field, requiredProblem(value));
        return value;
    }

    static String requiredProblem(Object value) {
        return value == null ? "is required" : null;
    }

    static double finite(String field, double value) {
        throwIf(field, finiteProblem(value));
        return value;
    }

    static String finiteProblem(double value) {
        return Double.isFinite(value) ? null : "must be a finite number, was " + value;
    }

    static Double nonNegative(String field, Double value) {
        if (value != null && (!Double.isFinite(value) || value < 0)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    static String text(String field, String value) {
        throwIf(field, textProblem(value));
        return value;
    }

    static String textProblem(String value) {
        return value == null || value.length() <= MAX_TEXT ? null
                : "must be at most " + MAX_TEXT + " characters, was " + value.length();
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
        FieldViolation problem = labelsProblem(labels);
        if (problem != null) {
            throw new IllegalArgumentException(problem.message());
        }
        return labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The first broken part of {@code labels} (absent counts as none), or null. */
    static FieldViolation labelsProblem(Map<String, String> labels) {
        if (labels == null) {
            return null;
        }
        if (labels.size() > MAX_ENTRIES) {
            return new FieldViolation("labels", "must have at most " + MAX_ENTRIES + " entries, had "
                    + labels.size());
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String keyProblem = idProblem(label.getKey());
            if (keyProblem != null) {
                return new FieldViolation("labels", "key " + keyProblem);
            }
            String valueProblem = label.getValue() == null ? "must be a string, was null"
                    : textProblem(label.getValue());
            if (valueProblem != null) {
                return new FieldViolation("labels." + label.getKey(), valueProblem);
            }
        }
        return null;
    }

    private static void throwIf(String field, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem);
        }
    }

    static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
