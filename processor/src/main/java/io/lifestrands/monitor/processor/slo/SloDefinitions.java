package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The SLOs of the global store, by id and by service; a record that does not decode is skipped and logged once. */
final class SloDefinitions {

    static final SloDefinitions EMPTY = new SloDefinitions(Map.of(), Set.of());
    private static final Logger log = LoggerFactory.getLogger(SloDefinitions.class);

    private final Map<String, Slo> byId;
    private final Map<String, List<Slo>> byService = new HashMap<>();
    private final Set<String> broken;

    private SloDefinitions(Map<String, Slo> byId, Set<String> broken) {
        this.byId = Map.copyOf(byId);
        this.broken = Set.copyOf(broken);
        byId.values().forEach(slo -> byService.computeIfAbsent(slo.service(), s -> new ArrayList<>(1)).add(slo));
    }

    static SloDefinitions read(KeyValueStore<String, byte[]> store, SloDefinitions before) {
        Map<String, Slo> out = new HashMap<>();
        Set<String> broken = new HashSet<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                try {
                    Slo slo = Json.decode(entry.value, Slo.class);
                    if (slo.id().equals(entry.key)) {
                        out.put(slo.id(), slo);
                    }
                } catch (RuntimeException e) {
                    broken.add(entry.key);
                    if (!before.broken.contains(entry.key)) {
                        log.warn("Skipping SLO {}: it does not decode", entry.key, e);
                    }
                }
            }
        }
        return new SloDefinitions(out, broken);
    }

    List<Slo> ofService(String service) {
        return byService.getOrDefault(service, List.of());
    }

    Slo get(String id) {
        return byId.get(id);
    }

    /**
     * Whether the counts made for {@code old} still hold for {@code now}: same service and the same good events.
     * Null for either (unknown, deleted) is never the same.
     */
    static boolean sameEvents(Slo old, Slo now) {
        return old != null && now != null && old.service().equals(now.service()) && old.kind() == now.kind()
                && old.source() == now.source() && Objects.equals(old.thresholdMs(), now.thresholdMs());
    }
}
