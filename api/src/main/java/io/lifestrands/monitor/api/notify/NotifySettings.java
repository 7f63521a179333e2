package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Operator settings of notifications ({@code monitor.api.notify.*} in {@code api.yaml}); the channel and grouping
 * values are the defaults of the runtime {@link NotificationSettings} until {@code PUT /alerts/config} stores others.
 *
 * @param groupId             consumer group of the alerts topic; offsets are committed after deliveries are logged
 * @param tick                how often the dispatcher looks for due deliveries
 * @param retryInitialDelay   back-off after the first failed attempt; doubles up to {@code retryMaxDelay}
 * @param giveUpAfter         a delivery still failing this long after its transition is marked failed
 * @param requestTimeout      bound of one HTTP request or SMTP conversation
 * @param maxAlertsPerMessage alerts listed in one message; the rest of the group is counted as truncated
 * @param allowedHosts        {@code host} or {@code host:port} entries a webhook may point at although they are
 *                            loopback, link-local or private (e.g. an in-house relay); everything else there is refused
 * @param logRetention        how long sent and failed deliveries are kept; longer than the alerts topic keeps
 *                            transitions, so a full replay still finds every delivery it already made
 * @param externalUrl         where receivers link back to ({@code MONITOR_EXTERNAL_URL})
 */
@ConfigurationProperties("monitor.api.notify")
public record NotifySettings(boolean enabled, String groupId, String alertEmail, String smtpHost, int smtpPort,
                             String smtpUser, String smtpPassword, String smtpFrom, boolean smtpStarttls,
                             String slackWebhook, String webhookUrl, String webhookToken, Duration groupWait,
                             Duration groupInterval, Duration repeatInterval, List<String> groupBy, Duration tick,
                             Duration retryInitialDelay, Duration retryMaxDelay, Duration giveUpAfter,
                             Duration requestTimeout, int maxAlertsPerMessage, List<String> allowedHosts,
                             Duration logRetention, String externalUrl) {

    public NotifySettings {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("monitor.api.notify.group-id is required");
        }
        nonNegative("group-wait", groupWait);
        positive("group-interval", groupInterval);
        positive("repeat-interval", repeatInterval);
        positive("tick", tick);
        positive("retry-initial-delay", retryInitialDelay);
        positive("retry-max-delay", retryMaxDelay);
        positive("give-up-after", giveUpAfter);
        positive("request-timeout", requestTimeout);
        required("log-retention", logRetention);
        if (logRetention.compareTo(Topics.ALERTS.retention()) <= 0) {
            throw new IllegalArgumentException("monitor.api.notify.log-retention must be longer than the retention "
                    + "of " + Topics.ALERTS.name() + " (" + Topics.ALERTS.retention() + "), was " + logRetention);
        }
        if (maxAlertsPerMessage < 1) {
            throw new IllegalArgumentException("monitor.api.notify.max-alerts-per-message must be >= 1, was "
                    + maxAlertsPerMessage);
        }
        externalUrl = externalUrl == null || externalUrl.isBlank() ? "http://localhost:8005" : externalUrl;
        groupBy = groupBy == null ? List.of("severity") : List.copyOf(groupBy);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        for (String field : groupBy) {
            if (!NotificationSettings.GROUP_FIELDS.contains(field)) {
                throw new IllegalArgumentException("monitor.api.notify.group-by must name fields of "
                        + NotificationSettings.GROUP_FIELDS + ", was " + field);
            }
        }
    }

    /** The runtime settings these operator values describe, before any stored override. */
    NotificationSettings defaults() {
        return new NotificationSettings(
                new NotificationSettings.Email(alertEmail, smtpHost, smtpPort, smtpUser, smtpPassword, smtpFrom,
                        smtpStarttls),
                new NotificationSettings.Slack(slackWebhook),
                new NotificationSettings.Webhook(webhookUrl, webhookToken),
                groupWait, groupInterval, repeatInterval, groupBy);
    }

    // webhook URLs, the token and the SMTP password are secrets: never print them
    @Override
    public String toString() {
        return "NotifySettings[enabled=" + enabled + ", groupId=" + groupId + ", groupWait=" + groupWait
                + ", groupInterval=" + groupInterval + ", repeatInterval=" + repeatInterval + ", groupBy=" + groupBy
                + ", allowedHosts=" + allowedHosts + "]";
    }

    private static void required(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("monitor.api.notify." + key + " is required");
        }
    }

    private static void nonNegative(String key, Duration value) {
        required(key, value);
        if (value.isNegative()) {
            throw new IllegalArgumentException("monitor.api.notify." + key + " must be >= 0, was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        nonNegative(key, value);
        if (value.isZero()) {
            throw new IllegalArgumentException("monitor.api.notify." + key + " must be > 0, was " + value);
        }
    }
}
