package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertRule;
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

/**
 * A snapshot of the live rule set, read from the global copy of {@code monitor.alert-rules.v1}, with the rules
 * indexed by metric. A rule that does not decode is skipped with a warning whenever the rule set changes.
 */
final class RuleBook {

    static final RuleBook EMPTY = new RuleBook(Map.of(), Map.of());
    private static final Logger log = LoggerFactory.getLogger(RuleBook.class);

    private final Map<String, byte[]> raw;
    private final Map<String, AlertRule> byName;
    private final Map<String, List<AlertRule>> byMetric = new HashMap<>();

    private RuleBook(Map<String, byte[]> raw, Map<String, AlertRule> byName) {
        this.raw = raw;
        this.byName = byName;
        byName.values().forEach(rule -> byMetric.computeIfAbsent(rule.metric(), m -> new ArrayList<>()).add(rule));
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

    List<AlertRule> forMetric(String metric) {
        return byMetric.getOrDefault(metric, List.of());
    }

    Collection<AlertRule> all() {
        return byName.values();
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
