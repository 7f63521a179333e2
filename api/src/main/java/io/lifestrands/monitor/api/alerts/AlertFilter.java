package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.api.system.RequestParams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The filter of {@code GET /alerts/history}; every field may be null (no restriction).
 *
 * @param start episodes starting at or after it
 * @param end   episodes starting before it
 */
record AlertFilter(String service, String severity, String state, Instant start, Instant end) {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Set<String> STATES = Set.of("pending", "firing", "resolved");

    /** @throws BadRequestException naming the parameter and its value */
    static AlertFilter parse(String service, String severity, String state, String start, String end) {
        RequestParams.checkId("service", service);
        String sev = RequestParams.oneOf("severity", severity, SEVERITIES);
        String st = RequestParams.oneOf("state", state, STATES);
        Instant from = RequestParams.instantOrNull("start", start);
        Instant to = RequestParams.instantOrNull("end", end);
        RequestParams.checkRange(from, to);
        return new AlertFilter(RequestParams.blankToNull(service), sev, st, from, to);
    }

    String where() {
        List<String> clauses = new ArrayList<>();
        clauses.add("true");
        if (service != null) {
            clauses.add("service = ?");
        }
        if (severity != null) {
            clauses.add("severity = ?");
        }
        if (state != null) {
            clauses.add("state = ?");
        }
        if (start != null) {
            clauses.add("starts_at >= ?");
        }
        if (end != null) {
            clauses.add("starts_at < ?");
        }
        return String.join(" and ", clauses);
    }

    List<Object> params() {
        List<Object> params = new ArrayList<>();
        if (service != null) {
            params.add(service);
        }
        if (severity != null) {
            params.add(severity);
        }
        if (state != null) {
            params.add(state);
        }
        if (start != null) {
            params.add(AlertStore.utc(start));
        }
        if (end != null) {
            params.add(AlertStore.utc(end));
        }
        return params;
    }
}
