package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.ServiceGraph;
import io.lifestrands.monitor.schema.DefaultRules;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the alert engine that are not rules.
 *
 * @param dependencies which services depend on which, for dependency suppression
 * @param inhibitors   names of the rules whose firing alerts silence warnings of the same and dependent services
 */
public record AlertSettings(ServiceGraph dependencies, Set<String> inhibitors) {

    public static final Set<String> DEFAULT_INHIBITORS = Set.of(DefaultRules.SERVICE_DOWN,
            DefaultRules.DATABASE_UNREACHABLE);

    public AlertSettings {
        if (dependencies == null) {
            throw new IllegalArgumentException("dependencies are required, was null");
        }
        inhibitors = Set.copyOf(inhibitors);
    }

    public static AlertSettings defaults() {
        return new AlertSettings(ServiceGraph.LIFE_STRANDS, DEFAULT_INHIBITORS);
    }

    /**
     * Reads {@code MONITOR_ALERT_DEPENDENCIES} ({@code service=dep1,dep2;other=dep3}, default or unset the Life
     * Strands stack of {@link ServiceGraph}; empty for none) and {@code MONITOR_ALERT_INHIBITORS} (comma-separated rule names, default
     * {@code service_down,database_unreachable}).
     *
     * @throws IllegalArgumentException naming the variable and its value when one is invalid
     */
    public static AlertSettings fromEnv(Map<String, String> env) {
        String deps = env.get(ServiceGraph.VARIABLE);
        String inhibitors = env.get("MONITOR_ALERT_INHIBITORS");
        ServiceGraph dependencies;
        try {
            dependencies = ServiceGraph.fromSetting(deps);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MONITOR_ALERT_DEPENDENCIES is invalid, was '" + deps + "': "
                    + e.getMessage(), e);
        }
        Set<String> names = inhibitors == null ? DEFAULT_INHIBITORS : Arrays.stream(inhibitors.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new AlertSettings(dependencies, names);
    }
}
