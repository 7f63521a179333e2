package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.api.system.FieldError;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.json.FieldViolation;
import io.lifestrands.monitor.schema.json.FieldwiseDecoder;
import io.lifestrands.monitor.schema.json.InvalidFieldsException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the {@code rules} of a {@code PUT /alerts/config}: each rule with {@link AlertRule}'s own checks, read field
 * by field so the answer names every bad field with its reason, plus what only a rule set can break (its size, a
 * name used twice).
 */
final class RuleValidator {

    private static final int MAX_RULES = 1000;

    /** Valid rules, or the errors; exactly one of the two is non-empty unless the list is empty. */
    record Result(List<AlertRule> rules, List<FieldError> errors) {
    }

    Result validate(JsonNode rules) {
        if (!rules.isArray()) {
            return new Result(List.of(), List.of(new FieldError("rules", "must be an array of rules")));
        }
        if (rules.size() > MAX_RULES) {
            return new Result(List.of(), List.of(new FieldError("rules", "at most " + MAX_RULES + " rules, had "
                    + rules.size())));
        }
        List<FieldError> errors = new ArrayList<>();
        List<AlertRule> valid = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String at = "rules[" + i + "]";
            JsonNode rule = rules.get(i);
            if (!rule.isObject()) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            List<FieldViolation> violations = check(rule, valid);
            violations.forEach(v -> errors.add(new FieldError(v.field().isEmpty() ? at : at + "." + v.field(),
                    v.reason())));
            JsonNode name = rule.get("name");
            boolean nameValid = name != null && violations.stream().noneMatch(v -> v.field().equals("name"));
            if (nameValid && !names.add(name.asString())) {
                errors.add(new FieldError(at + ".name", "duplicate rule name '" + name.asString() + "'"));
            }
        }
        return errors.isEmpty() ? new Result(valid, List.of()) : new Result(List.of(), errors);
    }

    /** One rule, its errors named under {@code at} (e.g. {@code rule.threshold}). */
    Result validateOne(JsonNode rule, String at) {
        if (rule == null || !rule.isObject()) {
            return new Result(List.of(), List.of(new FieldError(at, "must be an object")));
        }
        List<AlertRule> valid = new ArrayList<>(1);
        List<FieldError> errors = check(rule, valid).stream()
                .map(v -> new FieldError(v.field().isEmpty() ? at : at + "." + v.field(), v.reason()))
                .toList();
        return errors.isEmpty() ? new Result(valid, List.of()) : new Result(List.of(), errors);
    }

    /** Adds the rule to {@code valid} and returns no violations, or returns what makes it invalid. */
    private static List<FieldViolation> check(JsonNode rule, List<AlertRule> valid) {
        try {
            valid.add(FieldwiseDecoder.decode(rule, AlertRule.class));
            return List.of();
        } catch (InvalidFieldsException e) {
            return e.violations();
        }
    }
}
