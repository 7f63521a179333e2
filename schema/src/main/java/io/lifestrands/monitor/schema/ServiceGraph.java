package io.lifestrands.monitor.schema;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which services call which: the one service dependency graph of the system. The processor's inhibition uses it (a
 * firing critical alert of a service silences the warnings of every service that depends on it, directly or through
 * others), the api serves it as {@code GET /topology}, and the dashboard draws that. Set by
 * {@code MONITOR_ALERT_DEPENDENCIES} ({@link #fromSetting(String)}) for every process alike.
 *
 * @param dependsOn service id to the ids it calls
 */
public record ServiceGraph(Map<String, Set<String>> dependsOn) {

    /** Name of the variable that sets the graph, read by the processor and the api. */
    public static final String VARIABLE = "MONITOR_ALERT_DEPENDENCIES";
    /** Value of {@link #VARIABLE} that names {@link #LIFE_STRANDS}, also when it is unset. */
    public static final String DEFAULT = "default";

    private static final Pattern ID = Names.ID;

    /**
     * The Life Strands stack as the seed describes it: the gateway routes to the chat, NPC, summary and model
     * services; the chat service asks the model and NPC services and keeps sessions in Redis and PostgreSQL; the NPC
     * service keeps its data in PostgreSQL and Redis and asks the model service; the summary service takes work from
     * a Redis queue, asks the model service and writes to PostgreSQL.
     */
    public static final ServiceGraph LIFE_STRANDS = new ServiceGraph(Map.of(
            "gateway", Set.of("chat_service", "npc_service", "summary_service", "model_service"),
            "chat_service", Set.of("model_service", "npc_service", "redis", "postgres"),
            "npc_service", Set.of("postgres", "redis", "model_service"),
            "summary_service", Set.of("redis", "postgres", "model_service")));

    public ServiceGraph {
        Map<String, Set<String>> copy = new TreeMap<>();
        dependsOn.forEach((service, upstream) -> copy.put(service, Set.copyOf(upstream)));
        dependsOn = Map.copyOf(copy);
    }

    /**
     * Parses {@code service=dep1,dep2;other=dep3}; an empty text means no dependencies.
     *
     * @throws IllegalArgumentException naming the malformed entry
     */
    public static ServiceGraph parse(String text) {
        Map<String, Set<String>> map = new TreeMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", -1);
            if (parts.length != 2 || !ID.matcher(parts[0].trim()).matches()) {
                throw new IllegalArgumentException("dependency entry must look like service=dep1,dep2, was '"
                        + entry + "'");
            }
            Set<String> upstream = new LinkedHashSet<>();
            for (String dep : parts[1].split(",")) {
                if (!ID.matcher(dep.trim()).matches()) {
                    throw new IllegalArgumentException("dependency of " + parts[0].trim()
                            + " must be a service id, was '" + dep + "'");
                }
                upstream.add(dep.trim());
            }
            map.put(parts[0].trim(), upstream);
        }
        return new ServiceGraph(map);
    }

    /**
     * The graph a setting names: unset (null) or {@value #DEFAULT} is {@link #LIFE_STRANDS}, blank is no
     * dependencies, anything else is {@link #parse(String) parsed}.
     *
     * @throws IllegalArgumentException naming the malformed entry
     */
    public static ServiceGraph fromSetting(String text) {
        if (text == null || DEFAULT.equals(text.trim())) {
            return LIFE_STRANDS;
        }
        return parse(text);
    }

    /** The services {@code service} calls directly, sorted; empty when none. */
    public List<String> callsOf(String service) {
        return dependsOn.getOrDefault(service, Set.of()).stream().sorted().toList();
    }

    /** The service itself and everything it depends on, transitively; cycles are tolerated. */
    public Set<String> selfAndUpstream(String service) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(service);
        while (!todo.isEmpty()) {
            String next = todo.poll();
            if (seen.add(next)) {
                todo.addAll(dependsOn.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }
}
