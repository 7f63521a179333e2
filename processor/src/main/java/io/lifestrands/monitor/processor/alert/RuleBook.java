package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.MetricSelector;
import io.lifestrands.monitor.schema.json.InvalidRecordException;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A snapshot of the live rule set, read from the global copy of {@code monitor.alert-rules.v1}, with the rules
 * indexed by the metrics they select. A rule that does not decode is skipped with a warning whenever the rule set
 * changes.
 *
 * <p>A rule whose {@link MetricSelector} is anything but one plain name (a prefix family, a list) is evaluated per
 * series: every metric it matches is an alert of its own, labelled {@value #SERIES_LABEL} = the metric's name.
 */
final class RuleBook {

    static final RuleBook EMPTY = new RuleBook(Map.of(), Map.of());
    /** Label naming the series of an alert of a rule that selects several metrics. */
    static final String SERIES_LABEL = "metric";
    /** Bound of the memo of family matches; past it the memo starts over. */
    private static final int MAX_MATCHED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);

    private final Map<String, byte[]> raw;
    private final Map<String, AlertRule> byName;
    private final Map<String, MetricSelector> selectors = new HashMap<>();
    private final Map<String, List<AlertRule>> byMetric = new HashMap<>();
    private final List<Map.Entry<String, AlertRule>> byPrefix = new ArrayList<>();
    /** Rules by metric name, for the names a prefix matches; filled as names come by. */
    private final Map<String, List<AlertRule>> matched = new HashMap<>();

    private RuleBook(Map<String, byte[]> raw, Map<String, AlertRule> byName) {
        this.raw = raw;
        this.byName = byName;
        byName.values().forEach(rule -> {
            MetricSelector selector = MetricSelector.parse(rule.metric());
            selectors.put(rule.name(), selector);
            selector.names().forEach(name -> byMetric.computeIfAbsent(name, m -> new ArrayList<>()).add(rule));
            selector.prefixes().forEach(prefix -> byPrefix.add(Map.entry(prefix, rule)));
        });
    }

    /** The rules now in {@code store}; this same book when nothing changed, so no rule is decoded twice. */
    RuleBook refresh(ReadOnlyKeyValueStore<String, byte[]> store) {
        Map<String, byte[]> now = new HashMap<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining((KeyValue<String, byte[]> entry) -> now.put(entry.key, entry.value));
        }
        return refresh(now);
    }

    /** The rules of {@code now} (rule name to encoded rule); this same book when nothing changed. */
    RuleBook refresh(Map<String, byte[]> now) {
        if (sameAs(now)) {
            return this;
        }
        Map<String, AlertRule> rules = new HashMap<>();
        now.forEach((name, bytes) -> {
            AlertRule known = byName.get(name);
            if (known != null && Arrays.equals(bytes, raw.get(name))) {
                rules.put(name, known);
                return;
            }
            try {
                AlertRule rule = Json.decode(bytes, AlertRule.class);
                if (!rule.name().equals(name)) {
                    throw new InvalidRecordException("key must be the rule name '" + rule.name() + "'", null);
                }
                rules.put(name, rule);
            } catch (InvalidRecordException e) {
                log.warn("Ignoring alert rule {} on the rules topic: {}", name, e.getMessage());
            }
        });
        return new RuleBook(now, rules);
    }

    Optional<AlertRule> rule(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The rules whose selector takes {@code metric}, each once. */
    List<AlertRule> forMetric(String metric) {
        if (byPrefix.isEmpty()) {
            return byMetric.getOrDefault(metric, List.of());
        }
        List<AlertRule> rules = matched.get(metric);
        if (rules == null) {
            if (matched.size() == MAX_MATCHED) {
                matched.clear();
            }
            rules = match(metric);
            matched.put(metric, rules);
        }
        return rules;
    }

    /**
     * The labels of the alert a rule keeps for {@code metric}: the rule's own, plus {@value #SERIES_LABEL} when the
     * rule selects several metrics (it then replaces a rule label of that name).
     */
    Map<String, String> labels(AlertRule rule, String metric) {
        if (selector(rule).single()) {
            return rule.labels();
        }
        Map<String, String> labels = new HashMap<>(rule.labels());
        labels.put(SERIES_LABEL, metric);
        return Map.copyOf(labels);
    }

    /**
     * Whether an alert with these labels still belongs to the rule's selector: for a rule of several metrics, the
     * series it names is still selected; for a rule of one name, it names no series the rule's labels do not.
     * An alert the rule no longer covers is retired, as for a narrowed service selector.
     */
    boolean covers(AlertRule rule, Map<String, String> labels) {
        String series = labels.get(SERIES_LABEL);
        if (selector(rule).single()) {
            return series == null || series.equals(rule.labels().get(SERIES_LABEL));
        }
        return series != null && selector(rule).matches(series);
    }

    /** The rule's alternatives in order of preference ({@link MetricSelector#alternatives()}); empty for others. */
    List<String> alternatives(AlertRule rule) {
        return selector(rule).alternatives();
    }

    Collection<AlertRule> all() {
        return byName.values();
    }

    /**
     * How the rules differ from {@code before}, by name: added, updated (the decoded rule differs) or deleted; a rule
     * that stopped decoding counts as deleted. In name order.
     */
    List<ConfigChange> changesSince(RuleBook before) {
        TreeSet<String> names = new TreeSet<>(byName.keySet());
        names.addAll(before.byName.keySet());
        List<ConfigChange> changes = new ArrayList<>();
        for (String name : names) {
            AlertRule old = before.byName.get(name);
            AlertRule now = byName.get(name);
            if (old == null) {
                changes.add(ConfigChange.ofRule(name, ConfigChange.Change.ADDED));
            } else if (now == null) {
                changes.add(ConfigChange.ofRule(name, ConfigChange.Change.DELETED));
            } else if (!old.equals(now)) {
                changes.add(ConfigChange.ofRule(name, ConfigChange.Change.UPDATED));
            }
        }
        return changes;
    }

    private MetricSelector selector(AlertRule rule) {
        MetricSelector selector = selectors.get(rule.name());
        // a rule of another book (a deleted rule still being retired) is parsed on the spot
        return selector != null && selector.toString().equals(rule.metric()) ? selector
                : MetricSelector.parse(rule.metric());
    }

    private List<AlertRule> match(String metric) {
        List<AlertRule> rules = new ArrayList<>(byMetric.getOrDefault(metric, List.of()));
        for (Map.Entry<String, AlertRule> prefix : byPrefix) {
            if (metric.startsWith(prefix.getKey()) && !rules.contains(prefix.getValue())) {
                rules.add(prefix.getValue());
            }
        }
        return rules.isEmpty() ? List.of() : List.copyOf(rules);
    }

    private boolean sameAs(Map<String, byte[]> now) {
        if (now.size() != raw.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> entry : now.entrySet()) {
            if (!Arrays.equals(entry.getValue(), raw.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
