package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.json.Json;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The Slack incoming-webhook body: one mrkdwn {@code text} per group, every alert value escaped. */
final class SlackMessage {

    private SlackMessage() {
    }

    static String render(Notice notice) {
        StringBuilder text = new StringBuilder();
        text.append('*').append(Escape.slack(title(notice))).append("*\n");
        for (AlertEvent alert : notice.alerts()) {
            text.append(alert.state() == AlertState.FIRING ? ":red_circle: " : ":white_check_mark: ")
                    .append('*').append(Escape.slack(alert.rule())).append("* on ")
                    .append(Escape.slack(alert.service())).append(" (").append(Escape.slack(severity(alert)))
                    .append(')');
            if (alert.message() != null) {
                text.append(": ").append(Escape.slack(alert.message()));
            }
            text.append(" | value ").append(alert.value()).append(", threshold ").append(alert.threshold());
            if (!alert.labels().isEmpty()) {
                text.append(" | ").append(new TreeMap<>(alert.labels()).entrySet().stream()
                        .map(e -> Escape.slack(e.getKey()) + "=" + Escape.slack(e.getValue()))
                        .collect(Collectors.joining(", ")));
            }
            text.append(" | id ").append(Escape.slack(alert.id())).append('\n');
        }
        if (notice.truncated() > 0) {
            text.append("…and ").append(notice.truncated()).append(" more alerts of this group\n");
        }
        return Json.write(Map.of("text", text.toString()));
    }

    /** e.g. {@code [FIRING:3] 3 alerts severity=critical}, unescaped; shared with the email subject. */
    static String title(Notice notice) {
        String state = notice.status().equals("firing") ? "FIRING:" + (notice.firingCount()
                + (notice.truncated() > 0 ? "+" : "")) : "RESOLVED";
        String group = new TreeMap<>(notice.groupLabels()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return "[" + state + "] " + notice.total() + " alert" + (notice.total() == 1 ? "" : "s")
                + (group.isEmpty() ? "" : " " + group);
    }

    static String severity(AlertEvent alert) {
        return Json.write(alert.severity()).replace("\"", "");
    }
}
