package io.lifestrands.monitor.fleetsim;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** {@code /health} of the gateway, chat, NPC and summary services, each with a few numbers of its own. */
final class ServiceReadings implements Readings {

    private final String service;
    private final Clock clock;
    private final Map<String, Drift> counts = new LinkedHashMap<>();
    private final Map<String, Drift> rates = new LinkedHashMap<>();

    ServiceReadings(String service, Random random, Clock clock) {
        this.service = service;
        this.clock = clock;
        switch (service) {
            case "gateway" -> {
                counts.put("requests_per_minute", new Drift(random, 120, 6, 20, 400));
                counts.put("upstream_services", new Drift(random, 4, 0, 4, 4));
                rates.put("error_rate", new Drift(random, 0.02, 0.002, 0, 0.2));
            }
            case "chat_service" -> {
                counts.put("active_sessions", new Drift(random, 15, 1, 0, 80));
                counts.put("websocket_connections", new Drift(random, 23, 1.2, 0, 120));
                counts.put("messages_per_minute", new Drift(random, 85, 4, 0, 400));
            }
            case "npc_service" -> {
                // the names /analytics/business and the api's gauges read (npcs_total, npcs_active)
                counts.put("npcs_total", new Drift(random, 245, 0.3, 240, 260));
                counts.put("npcs_active", new Drift(random, 189, 1.5, 100, 245));
                rates.put("db_query_ms", new Drift(random, 25, 1.5, 5, 200));
            }
            case "summary_service" -> {
                counts.put("queue_size", new Drift(random, 8, 0.8, 0, 60));
                counts.put("processed_today", new Drift(random, 89, 0.5, 0, 1000));
                rates.put("average_processing_time_s", new Drift(random, 45, 2, 5, 300));
            }
            default -> throw new IllegalArgumentException("no readings for service " + service);
        }
    }

    @Override
    public Map<String, Function<Fault, Map<String, Object>>> routes() {
        return Map.of("/health", fault -> health());
    }

    private Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("service", service);
        body.put("timestamp", clock.instant().toString());
        counts.forEach((name, drift) -> body.put(name, drift.nextCount()));
        rates.forEach((name, drift) -> body.put(name, Math.round(drift.next() * 1000) / 1000.0));
        return body;
    }
}
