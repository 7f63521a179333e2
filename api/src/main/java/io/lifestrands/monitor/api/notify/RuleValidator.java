package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code rules} of a {@code PUT /alerts/config} field by field, so the answer names every bad field with
 * its reason instead of stopping at the first, then builds the {@link AlertRule}s.
 */
final class RuleValidator {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");
    private static final int MAX_TEXT = 4096;
    private static final int MAX_RULES = 1000;

    /** Valid rules, or the errors; exactly one of the two is non-empty unless the list is empty. */
    record Result(List<AlertRule> rules, List<FieldError> errors) {
    }

    Result validate(JsonNode rules) {
        List<FieldError> errors = new ArrayList<>();
        if (!rules.isArray()) {
            return new Result(List.of(), List.of(new FieldError("rules", "must be an array of rules")));
        }
        if (rules.size() > MAX_RULES) {
            return new Result(List.of(), List.of(new FieldError("rules", "at most " + MAX_RULES + " rules, had "
                    + rules.size())));
        }
        Set<String> names = new HashSet<>();
        List<AlertRule> valid = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String at = "rules[" + i + "].";
            JsonNode rule = rules.get(i);
            int before = errors.size();
            if (!rule.isObject()) {
                errors.add(new FieldError("rules[" + i + "]", "must be an object"));
                continue;
            }
            if (id(errors, at + "name", rule.get("name"), true) && !names.add(rule.get("name").asString())) {
                errors.add(new FieldError(at + "name", "duplicate rule name '" + rule.get("name").asString() + "'"));
            }
            oneOf(errors, at + "severity", rule.get("severity"), Severity.class, true);
            JsonNode service = rule.get("service");
            if (service != null && !service.isNull() && !"*".equals(service.asString(null))) {
                id(errors, at + "service", service, false);
            }
            id(errors, at + "metric", rule.get("metric"), true);
            oneOf(errors, at + "statistic", rule.get("statistic"), Statistic.class, true);
            oneOf(errors, at + "comparison", rule.get("comparison"), Comparison.class, true);
            threshold(errors, at + "threshold", rule.get("threshold"));
            duration(errors, at + "range", rule.get("range"), true);
            duration(errors, at + "for", rule.get("for"), false);
            duration(errors, at + "keep_firing_for", rule.get("keep_firing_for"), false);
            text(errors, at + "message", rule.get("message"));
            labels(errors, at + "labels", rule.get("labels"));
            if (errors.size() == before) {
                try {
                    valid.add(Json.convert(rule, AlertRule.class));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("rules[" + i + "]", e.getMessage()));
                }
            }
        }
        return errors.isEmpty() ? new Result(valid, List.of()) : new Result(List.of(), errors);
    }

    private static boolean id(List<FieldError> errors, String field, JsonNode value, boolean required) {
        if (absent(value)) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return false;
        }
        if (!value.isString() || !ID.matcher(value.asString()).matches()) {
            errors.add(new FieldError(field, "must match " + ID.pattern() + ", was " + shown(value)));
            return false;
        }
        return true;
    }

    private static <E extends Enum<E>> void oneOf(List<FieldError> errors, String field, JsonNode value,
                                                  Class<E> type, boolean required) {
        if (absent(value)) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return;
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(c -> Json.write(c).replace("\"", ""))
                .toList();
        if (!value.isString() || !allowed.contains(value.asString())) {
            errors.add(new FieldError(field, "must be one of " + allowed + ", was " + shown(value)));
        }
    }

    private static void threshold(List<FieldError> errors, String field, JsonNode value) {
        if (absent(value)) {
            errors.add(new FieldError(field, "is required"));
        } else if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            errors.add(new FieldError(field, "must be a finite number, was " + shown(value)));
        }
    }

    private static void duration(List<FieldError> errors, String field, JsonNode value, boolean positive) {
        if (absent(value)) {
            return;
        }
        Duration duration;
        try {
            duration = Json.convert(value, Duration.class);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a duration such as 30s, 5m or 1h, was " + shown(value)));
            return;
        }
        if (duration.isNegative() || (positive && duration.isZero())) {
            errors.add(new FieldError(field, "must be " + (positive ? "> 0" : ">= 0") + ", was " + shown(value)));
        }
    }

    private static void text(List<FieldError> errors, String field, JsonNode value) {
        if (absent(value)) {
            return;
        }
        if (!value.isString()) {
            errors.add(new FieldError(field, "must be a string"));
        } else if (value.asString().length() > MAX_TEXT) {
            errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters, was "
                    + value.asString().length()));
        }
    }

    private static void labels(List<FieldError> errors, String field, JsonNode value) {
        if (absent(value)) {
            return;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(field, "must be an object of strings"));
            return;
        }
        for (Map.Entry<String, JsonNode> label : value.properties()) {
            if (!ID.matcher(label.getKey()).matches()) {
                errors.add(new FieldError(field, "label name must match " + ID.pattern() + ", was '"
                        + NotificationSettings.clip(label.getKey()) + "'"));
            } else if (!label.getValue().isString()) {
                errors.add(new FieldError(field + "." + label.getKey(), "must be a string"));
            } else if (label.getValue().asString().length() > MAX_TEXT) {
                errors.add(new FieldError(field + "." + label.getKey(), "must be at most " + MAX_TEXT
                        + " characters"));
            }
        }
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    private static String shown(JsonNode value) {
        return NotificationSettings.clip(value.toString());
    }
}
