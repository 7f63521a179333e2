package io.lifestrands.monitor.api.notify;

import java.util.Map;

/** Slack through an incoming webhook ({@code SLACK_WEBHOOK}). */
final class SlackChannel implements Channel {

    private final HttpPoster poster;

    SlackChannel(HttpPoster poster) {
        this.poster = poster;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public boolean configured(NotificationSettings settings) {
        return settings.slack().webhookUrl() != null;
    }

    @Override
    public Outcome send(Notice notice, NotificationSettings settings) {
        return poster.post(settings.slack().webhookUrl(), SlackMessage.render(notice), Map.of());
    }
}
