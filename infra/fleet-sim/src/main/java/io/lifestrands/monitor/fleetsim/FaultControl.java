package io.lifestrands.monitor.fleetsim;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /fault?type=down|slow|errors|vram_spike|restart|none&duration_s=N[&service=id]} on every simulated
 * service. Without {@code service} the fault applies to the service that received the request; naming another
 * service lets a caller clear a fault of a service whose listener is down. Without {@code duration_s} the fault stays
 * until cleared; {@code restart} is no lasting fault: the service comes back as a new instance at once, or after
 * {@code duration_s}.
 */
final class FaultControl {

    private static final long MAX_DURATION_S = 24 * 3600;

    private final Function<String, Optional<SimService>> services;

    FaultControl(Function<String, Optional<SimService>> services) {
        this.services = services;
    }

    void handle(HttpExchange exchange, String receiver) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                Responses.send(exchange, 405, Map.of("status", "error", "error", "use POST"));
                return;
            }
            Map<String, String> query;
            Fault fault;
            Duration duration;
            try {
                query = query(exchange.getRequestURI().getRawQuery());
                fault = Fault.parse(query.get("type"));
                duration = duration(query.get("duration_s"));
            } catch (IllegalArgumentException e) {
                Responses.send(exchange, 400, Map.of("status", "error", "error", e.getMessage()));
                return;
            }
            String serviceId = query.getOrDefault("service", receiver);
            Optional<SimService> target = services.apply(serviceId);
            if (target.isEmpty()) {
                Responses.send(exchange, 404, Map.of("status", "error", "error", "unknown service " + serviceId));
                return;
            }
            Responses.send(exchange, 200, Map.of("service", serviceId, "fault", fault.wireName(),
                    "duration_s", duration.toSeconds()));
            // after the response: switching to DOWN closes the listener this request came in on
            target.get().setFault(fault, duration);
        }
    }

    private static Duration duration(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        long seconds;
        try {
            seconds = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration_s must be a whole number of seconds, was '" + text + "'");
        }
        if (seconds < 0 || seconds > MAX_DURATION_S) {
            throw new IllegalArgumentException("duration_s must be between 0 and " + MAX_DURATION_S + ", was "
                    + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
