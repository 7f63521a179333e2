package io.lifestrands.monitor.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code metric} of an {@link AlertRule}: one metric name ({@code latency_ms}), a family by prefix
 * ({@code queue_size:*}: every metric whose name starts with {@code queue_size:}), or a comma-separated list of
 * these without spaces ({@code queue_size,queue_size:*,queue_depth}). A rule with anything but one plain name is
 * evaluated per matching series: each metric it matches is an alert of its own.
 */
public final class MetricSelector {

    /** Most entries a list may have. */
    public static final int MAX_ENTRIES = 32;

    private final String text;
    private final Set<String> names;
    private final List<String> prefixes;

    private MetricSelector(String text, Set<String> names, List<String> prefixes) {
        this.text = text;
        this.names = Set.copyOf(names);
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * Parses a selector.
     *
     * @throws IllegalArgumentException naming the field {@code metric} and the value when it is not a selector: an
     *                                  entry that is empty, has a character outside {@code [A-Za-z0-9_.:-]} (or a
     *                                  {@code *} anywhere but at its end), is a bare {@code *}, or is longer than 128
     *                                  characters; or more than {@value #MAX_ENTRIES} entries
     */
    public static MetricSelector parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("metric is required");
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
        return new MetricSelector(text, names, prefixes);
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

    /** One plain metric name: the rule has one alert per service, not one per series. */
    public boolean single() {
        return prefixes.isEmpty() && names.size() == 1;
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
