package io.lifestrands.monitor.schema;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One matcher of a {@link Silence}, as Alertmanager has them: {@code name} {@code =}, {@code !=}, {@code =~} or
 * {@code !~} {@code value}. A regular expression must match the whole label value; a label the alert lacks counts as
 * the empty string.
 *
 * @param name    a label name: {@code alertname} (the rule), {@code service}, {@code severity} or any of the alert's
 *                labels
 * @param value   the value, or with {@code isRegex} a Java regular expression
 * @param isRegex whether {@code value} is a regular expression
 * @param isEqual false negates the matcher ({@code !=}, {@code !~}); absent means true
 */
public record SilenceMatcher(String name, String value, boolean isRegex, Boolean isEqual) {

    public SilenceMatcher {
        Checks.id("name", name);
        Checks.required("value", value);
        Checks.text("value", value);
        isEqual = isEqual == null ? Boolean.TRUE : isEqual;
        if (isRegex) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("value must be a valid regular expression, was '"
                        + Checks.clip(value) + "': " + e.getDescription());
            }
        }
    }

    /** Whether the labels of an alert ({@link Silence#labelsOf}) satisfy this matcher. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        boolean hit = isRegex ? pattern().matcher(actual).matches() : value.equals(actual);
        return hit == isEqual;
    }

    private Pattern pattern() {
        return Pattern.compile(value);
    }

    /** {@code name="value"}, {@code name!="value"}, {@code name=~"value"} or {@code name!~"value"}. */
    @Override
    public String toString() {
        String operator = isRegex ? (isEqual ? "=~" : "!~") : (isEqual ? "=" : "!=");
        return name + operator + "\"" + value + "\"";
    }
}
