package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.json.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generic webhook body: Alertmanager's webhook JSON (version 4), so receivers written for Alertmanager work.
 * Labels are {@code alertname} (the rule), {@code severity}, {@code service} and the alert's own labels;
 * annotations carry the message, value, threshold and the alert id (what {@code POST /alerts/{id}/acknowledge} takes).
 */
final class AlertmanagerPayload {

    static final String RECEIVER = "monitor-webhook";
    // Alertmanager's "not resolved yet" end time
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private AlertmanagerPayload() {
    }

    static String render(Notice notice, String externalUrl) {
        List<Map<String, Object>> alerts = notice.alerts().stream().map(a -> alert(a, externalUrl)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", notice.groupKey());
        body.put("truncatedAlerts", notice.truncated());
        body.put("status", notice.status());
        body.put("receiver", RECEIVER);
        body.put("groupLabels", new TreeMap<>(notice.groupLabels()));
        body.put("commonLabels", common(notice.alerts().stream().map(AlertmanagerPayload::labels).toList()));
        body.put("commonAnnotations", common(notice.alerts().stream().map(AlertmanagerPayload::annotations).toList()));
        body.put("externalURL", externalUrl);
        body.put("alerts", alerts);
        return Json.write(body);
    }

    static Map<String, String> labels(AlertEvent alert) {
        Map<String, String> labels = new TreeMap<>(alert.labels());
        labels.put("alertname", alert.rule());
        labels.put("severity", Json.write(alert.severity()).replace("\"", ""));
        labels.put("service", alert.service());
        return labels;
    }

    private static Map<String, String> annotations(AlertEvent alert) {
        Map<String, String> annotations = new TreeMap<>();
        if (alert.message() != null) {
            annotations.put("summary", alert.message());
        }
        annotations.put("value", Double.toString(alert.value()));
        annotations.put("threshold", Double.toString(alert.threshold()));
        annotations.put("alert_id", alert.id());
        return annotations;
    }

    private static Map<String, Object> alert(AlertEvent alert, String externalUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", alert.state() == AlertState.FIRING ? "firing" : "resolved");
        out.put("labels", labels(alert));
        out.put("annotations", annotations(alert));
        out.put("startsAt", alert.startsAt().toString());
        Instant ends = alert.endsAt();
        out.put("endsAt", ends == null ? ZERO_TIME : ends.toString());
        out.put("generatorURL", externalUrl + "/alerts");
        out.put("fingerprint", alert.fingerprint());
        return out;
    }

    /** The entries every map shares. */
    private static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> common = new TreeMap<>(maps.get(0));
        for (Map<String, String> map : maps.subList(1, maps.size())) {
            common.entrySet().removeIf(e -> !e.getValue().equals(map.get(e.getKey())));
        }
        return common;
    }
}
