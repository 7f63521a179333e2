package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.topic.Topics;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("monitor.api.notify")
public record NotifySettings(boolean enabled, @NotBlank String groupId, String alertEmail, String smtpHost,
                             int smtpPort, String smtpUser, String smtpPassword, String smtpFrom, boolean smtpStarttls,
                             String slackWebhook, String webhookUrl, String webhookToken,
                             @NotNull @DurationMin(nanos = 0) Duration groupWait,
                             @NotNull @DurationMin(nanos = 0, inclusive = false) Duration groupInterval,
                             @NotNull @DurationMin(nanos = 0, inclusive = false) Duration repeatInterval,
                             List<String> groupBy,
                             @NotNull @DurationMin(nanos = 0, inclusive = false) Duration tick,
                             @NotNull @DurationMin(nanos = 0, inclusive = false) Duration retryInitialDelay,
                             @NotNull @DurationMin(nanos = 0, inclusive = false) Duration retryMaxDelay,
                             @NotNull @DurationMin(nanos = 0, inclusive = false) Duration giveUpAfter,
                             @NotNull @DurationMin(nanos = 0, inclusive = false) Duration requestTimeout,
                             @Min(1) int maxAlertsPerMessage, List<String> allowedHosts,
                             @NotNull Duration logRetention, String externalUrl) {

    public NotifySettings {
        externalUrl = externalUrl == null || externalUrl.isBlank() ? "http://localhost:8005" : externalUrl;
        groupBy = groupBy == null ? List.of("severity") : List.copyOf(groupBy);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    // a rule rather than @DurationMin: the bound is the alerts topic's retention, which Topics holds
    @AssertTrue(message = "log-retention must be longer than the alerts topic keeps transitions")
    boolean isLogRetentionLongerThanAlertsTopic() {
        return logRetention == null || logRetention.compareTo(Topics.ALERTS.retention()) > 0;
    }

    @AssertTrue(message = "group-by must name fields of [rule, service, severity, state]")
    boolean isGroupByKnownFields() {
        return NotificationSettings.GROUP_FIELDS.containsAll(groupBy);
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
}
