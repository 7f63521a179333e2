package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.AlertRule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a rule's message: {@code {rule}}, {@code {service}}, {@code {value}} and {@code {threshold}} are replaced
 * as they are, {@code {labels.<name>}} by the alert's label of that name (empty when it has none), e.g.
 * {@code {labels.metric}} for the series of a rule that selects several metrics, and {@code {error}} by the detail
 * the condition came with (the reason of the status change, e.g. the collector's error; empty when none). Nothing is
 * escaped here: each renderer (dashboard, email, Slack) escapes for its own format.
 */
final class MessageTemplate {

    static final String DEFAULT = "{rule} on {service}: value {value}, threshold {threshold}";
    private static final String LABEL_START = "{labels.";
    private static final String ERROR = "{error}";
    private static final Pattern LABEL = Pattern.compile("\\{labels\\.(" + Names.ID.pattern() + ")}");

    private MessageTemplate() {
    }

    static String render(AlertRule rule, String service, double value) {
        return render(rule, service, rule.labels(), value, null);
    }

    /** @param detail what replaces {@code {error}}; null for nothing */
    static String render(AlertRule rule, String service, Map<String, String> labels, double value, String detail) {
        String template = rule.message() == null || rule.message().isBlank() ? DEFAULT : rule.message();
        String text = template
                .replace("{rule}", rule.name())
                .replace("{service}", service)
                .replace("{value}", number(value))
                .replace("{threshold}", number(rule.threshold()))
                .replace(ERROR, detail == null ? "" : detail);
        if (text.contains(LABEL_START)) {
            Matcher matcher = LABEL.matcher(text);
            text = matcher.replaceAll(match -> Matcher.quoteReplacement(labels.getOrDefault(match.group(1), "")));
        }
        return text.length() > 4096 ? text.substring(0, 4095) + "…" : text;
    }

    /** At most two decimals, no trailing zeros: 2412.5, 0.07, 95. */
    static String number(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
