package io.lifestrands.monitor.api.anomalies;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.AnomalyKind;
import io.lifestrands.monitor.schema.Statistic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The filter of {@code GET /anomalies}; every field may be null (no restriction).
 *
 * @param statistic the statistic's wire name, e.g. {@code p95}
 * @param state     {@code open} or {@code closed}; null for both
 * @param start     episodes still going on at or after it (open, or ending at or after it)
 * @param end       episodes starting before it
 * @param kind      {@code anomaly} (episodes of a series) or {@code consistency} (findings); null for both
 */
record AnomalyFilter(String service, String metric, String statistic, String state, Instant start, Instant end,
                     String kind) {

    private static final List<String> STATISTICS = Arrays.stream(Statistic.values()).map(AnomalyStore::wire).toList();
    private static final List<String> STATES = List.of("all", "closed", "open");
    private static final List<String> KINDS = Arrays.stream(AnomalyKind.values()).map(AnomalyStore::wire).toList();

    /** @throws BadRequestException naming the parameter and its value */
    static AnomalyFilter parse(String service, String metric, String statistic, String state, String start,
                               String end, String kind) {
        RequestParams.checkId("service", service);
        RequestParams.checkId("metric", metric);
        String stat = RequestParams.oneOf("statistic", statistic, STATISTICS);
        String st = RequestParams.oneOf("state", state, STATES);
        Instant from = RequestParams.instantOrNull("start", start);
        Instant to = RequestParams.instantOrNull("end", end);
        RequestParams.checkRange(from, to);
        String k = RequestParams.oneOf("kind", kind, KINDS);
        return new AnomalyFilter(RequestParams.blankToNull(service), RequestParams.blankToNull(metric), stat,
                "all".equals(st) ? null : st, from, to, k);
    }

    String where() {
        List<String> clauses = new ArrayList<>();
        clauses.add("true");
        if (service != null) {
            clauses.add("service = ?");
        }
        if (metric != null) {
            clauses.add("metric = ?");
        }
        if (statistic != null) {
            clauses.add("statistic = ?");
        }
        if (state != null) {
            clauses.add("state = ?");
        }
        if (kind != null) {
            clauses.add("kind = ?");
        }
        if (start != null) {
            clauses.add("(ends_at is null or ends_at >= ?)");
        }
        if (end != null) {
            clauses.add("starts_at < ?");
        }
        return String.join(" and ", clauses);
    }

    List<Object> params() {
        List<Object> params = new ArrayList<>();
        for (String value : new String[] {service, metric, statistic, state, kind}) {
            if (value != null) {
                params.add(value);
            }
        }
        if (start != null) {
            params.add(AnomalyStore.utc(start));
        }
        if (end != null) {
            params.add(AnomalyStore.utc(end));
        }
        return params;
    }
}
