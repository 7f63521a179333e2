package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;

import java.util.TreeMap;
import java.util.stream.Collectors;

/** The email for a group of critical alerts: a subject, an HTML body with every value escaped, and plain text. */
record EmailMessage(String subject, String html, String text) {

    static EmailMessage render(Notice notice) {
        String subject = Escape.header(SlackMessage.title(notice));
        StringBuilder html = new StringBuilder("<html><body><h2>").append(Escape.html(subject)).append("</h2>")
                .append("<table border=\"1\" cellpadding=\"4\"><tr><th>state</th><th>rule</th><th>service</th>"
                        + "<th>message</th><th>value</th><th>threshold</th><th>labels</th><th>since</th>"
                        + "<th>id</th></tr>");
        StringBuilder text = new StringBuilder(subject).append("\n\n");
        for (AlertEvent alert : notice.alerts()) {
            String state = alert.state() == AlertState.FIRING ? "firing" : "resolved";
            String labels = new TreeMap<>(alert.labels()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            html.append("<tr><td>").append(state).append("</td><td>").append(Escape.html(alert.rule()))
                    .append("</td><td>").append(Escape.html(alert.service())).append("</td><td>")
                    .append(Escape.html(alert.message())).append("</td><td>").append(alert.value())
                    .append("</td><td>").append(alert.threshold()).append("</td><td>").append(Escape.html(labels))
                    .append("</td><td>").append(alert.startsAt()).append("</td><td>").append(Escape.html(alert.id()))
                    .append("</td></tr>");
            text.append(state).append(' ').append(alert.rule()).append(" on ").append(alert.service()).append(": ")
                    .append(alert.message() == null ? "" : alert.message()).append(" (value ").append(alert.value())
                    .append(", threshold ").append(alert.threshold()).append(") ").append(labels).append(" id ")
                    .append(alert.id()).append('\n');
        }
        html.append("</table>");
        if (notice.truncated() > 0) {
            html.append("<p>…and ").append(notice.truncated()).append(" more alerts of this group</p>");
            text.append("…and ").append(notice.truncated()).append(" more alerts of this group\n");
        }
        html.append("</body></html>");
        return new EmailMessage(subject, html.toString(), text.toString());
    }
}
