package io.lifestrands.monitor.processor.alert;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which services depend on which: a firing critical alert of a service also silences the warnings of every service
 * that depends on it, directly or through others.
 *
 * @param dependsOn service id to the ids it calls
 */
public record Dependencies(Map<String, Set<String>> dependsOn) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");

    /**
     * The Life Strands stack as the seed describes it: the gateway routes to the chat, NPC, summary and model
     * services; chat and summary use the model service, Redis and PostgreSQL; the NPC service keeps its data in
     * PostgreSQL and asks the model service.
     */
    public static final Dependencies LIFE_STRANDS = new Dependencies(Map.of(
            "gateway", Set.of("chat_service", "npc_service", "summary_service", "model_service"),
            "chat_service", Set.of("model_service", "redis", "postgres"),
            "npc_service", Set.of("postgres", "model_service"),
            "summary_service", Set.of("redis", "postgres", "model_service")));

    public Dependencies {
        Map<String, Set<String>> copy = new TreeMap<>();
        dependsOn.forEach((service, upstream) -> copy.put(service, Set.copyOf(upstream)));
        dependsOn = Map.copyOf(copy);
    }

    /**
     * Parses {@code service=dep1,dep2;other=dep3}; an empty text means no dependencies.
     *
     * @throws IllegalArgumentException naming the malformed entry
     */
    public static Dependencies parse(String text) {
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
        return new Dependencies(map);
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
