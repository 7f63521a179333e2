package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;

import java.time.Instant;
import java.util.Map;

/** Named builders of alert transitions for the notification tests. */
final class NotifyFixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private NotifyFixtures() {
    }

    static AlertEvent alert(String id, String rule, Severity severity, AlertState state, Map<String, String> labels) {
        return new AlertEvent(null, id, "fp-" + id, rule, severity, "gateway", state, 2500, 2000,
                "p95 latency of gateway is 2500 ms", T0, state == AlertState.RESOLVED ? T0.plusSeconds(600) : null,
                labels);
    }

    static AlertEvent firing(String id, String rule, Severity severity) {
        return alert(id, rule, severity, AlertState.FIRING, Map.of());
    }

    static AlertEvent resolved(String id, String rule, Severity severity) {
        return alert(id, rule, severity, AlertState.RESOLVED, Map.of());
    }
}
