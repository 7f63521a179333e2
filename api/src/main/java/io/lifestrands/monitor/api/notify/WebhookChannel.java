package io.lifestrands.monitor.api.notify;

import java.util.Map;

/** The generic webhook with Alertmanager's JSON, optionally with a bearer token. */
final class WebhookChannel implements Channel {

    private final HttpPoster poster;
    private final String externalUrl;

    WebhookChannel(HttpPoster poster, String externalUrl) {
        this.poster = poster;
        this.externalUrl = externalUrl;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean configured(NotificationSettings settings) {
        return settings.webhook().url() != null;
    }

    @Override
    public Outcome send(Notice notice, NotificationSettings settings) {
        String token = settings.webhook().bearerToken();
        return poster.post(settings.webhook().url(), AlertmanagerPayload.render(notice, externalUrl),
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }
}
