package io.lifestrands.monitor.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code metric} of an {@link AlertRule}: one metric name ({@code latency_ms}), a family by prefix
 * ({@code queue_size:*}: every metric whose name starts with {@code queue_size:}), or a comma-separated list of
 * these without spaces ({@code queue_size,queue_size:*,queue_depth}). A rule with a prefix or a list is evaluated
 * per matching series: each metric it matches is an alert of its own.
 *
 * <p>Alternatives, as Prometheus's {@code or}: plain names joined by {@code " or "}
 * ({@code latency_ms or probe_latency_ms}). Such a rule keeps one alert per service, like a rule of one name, and
 * evaluates each service on the first alternative that has data for it (see {@link #alternatives()}).
 */
public final class MetricSelector {

    /** Most entries a list, or alternatives an {@code or}, may have. */
    public static final int MAX_ENTRIES = 32;
    /** What separates alternatives: the word {@code or} between single spaces. */
    public static final String OR = " or ";

    private final String text;
    private final Set<String> names;
    private final List<String> prefixes;
    private final List<String> alternatives;

    private MetricSelector(String text, Set<String> names, List<String> prefixes, List<String> alternatives) {
        this.text = text;
        this.names = Set.copyOf(names);
        this.prefixes = List.copyOf(prefixes);
        this.alternatives = List.copyOf(alternatives);
    }

    /**
     * Parses a selector.
     *
     * @throws IllegalArgumentException naming the field {@code metric} and the value when it is not a selector: an
     *                                  entry that is empty, has a character outside {@code [A-Za-z0-9_.:-]} (or a
     *                                  {@code *} anywhere but at its end), is a bare {@code *}, or is longer than 128
     *                                  characters; or more than {@value #MAX_ENTRIES} entries; or alternatives that
     *                                  are not plain names, are not separated by exactly {@value #OR}, repeat a name
     *                                  or are more than {@value #MAX_ENTRIES}
     */
    public static MetricSelector parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("metric is required");
        }
        if (text.contains(" ")) {
            return parseAlternatives(text);
        }
        String[] entries = text.split(",", -1);
        if (entries.length > MAX_ENTRIES) {
            throw new IllegalArgumentException("metric must list at most " + MAX_ENTRIES + " entries, had "
                    + entries.length);
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String entry : entries) {
            boolean prefix = entry.endsWith("*");
            String name = prefix ? entry.substring(0, entry.length() - 1) : entry;
            if (!Checks.isId(name)) {
                throw new IllegalArgumentException("metric must be a metric name, a prefix ending in * (queue_size:*)"
                        + " or a comma-separated list of these, each matching " + Checks.ID.pattern() + ", was '"
                        + Checks.clip(text) + "'");
            }
            if (prefix) {
                prefixes.add(name);
            } else {
                names.add(name);
            }
        }
        return new MetricSelector(text, names, prefixes, List.of());
    }

    private static MetricSelector parseAlternatives(String text) {
        String[] entries = text.split(OR, -1);
        if (entries.length < 2) {
            throw new IllegalArgumentException("metric may hold a space only in '" + OR.strip()
                    + "' between alternatives (latency_ms or probe_latency_ms), was '" + Checks.clip(text) + "'");
        }
        if (entries.length > MAX_ENTRIES) {
            throw new IllegalArgumentException("metric must have at most " + MAX_ENTRIES + " alternatives, had "
                    + entries.length);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String entry : entries) {
            if (!Checks.isId(entry)) {
                throw new IllegalArgumentException("metric alternatives must each be one metric name matching "
                        + Checks.ID.pattern() + " (no prefix, no list), separated by exactly '" + OR.strip()
                        + "' between single spaces; '" + Checks.clip(entry) + "' is not, in '" + Checks.clip(text)
                        + "'");
            }
            if (!names.add(entry)) {
                throw new IllegalArgumentException("metric names the alternative '" + entry + "' twice, in '"
                        + Checks.clip(text) + "'");
            }
        }
        return new MetricSelector(text, names, List.of(), List.copyOf(names));
    }

    /** Whether the selector takes the metric {@code name}. */
    public boolean matches(String name) {
        if (names.contains(name)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One plain metric name, or alternatives of names: the rule has one alert per service, not one per series.
     */
    public boolean single() {
        return prefixes.isEmpty() && (names.size() == 1 || !alternatives.isEmpty());
    }

    /**
     * The names of an {@code or}, in order of preference: a service is evaluated on the first of them that has
     * data for the rule, and on a later one only while no earlier one has had any for the rule's range. Empty
     * when the selector is no {@code or}.
     */
    public List<String> alternatives() {
        return alternatives;
    }

    /** The plain names it lists. */
    public Set<String> names() {
        return names;
    }

    /** The prefixes of its {@code *} entries, without the {@code *}. */
    public List<String> prefixes() {
        return prefixes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetricSelector selector && selector.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
