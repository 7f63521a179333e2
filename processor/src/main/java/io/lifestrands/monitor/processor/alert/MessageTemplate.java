package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertRule;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Renders a rule's message: {@code {rule}}, {@code {service}}, {@code {value}} and {@code {threshold}} are replaced
 * as they are. Nothing is escaped here: each renderer (dashboard, email, Slack) escapes for its own format.
 */
final class MessageTemplate {

    static final String DEFAULT = "{rule} on {service}: value {value}, threshold {threshold}";

    private MessageTemplate() {
    }

    static String render(AlertRule rule, String service, double value) {
        String template = rule.message() == null || rule.message().isBlank() ? DEFAULT : rule.message();
        String text = template
                .replace("{rule}", rule.name())
                .replace("{service}", service)
                .replace("{value}", number(value))
                .replace("{threshold}", number(rule.threshold()));
        return text.length() > 4096 ? text.substring(0, 4095) + "…" : text;
    }

    /** At most two decimals, no trailing zeros: 2412.5, 0.07, 95. */
    static String number(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
