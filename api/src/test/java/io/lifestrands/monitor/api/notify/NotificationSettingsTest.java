package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.system.FieldError;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** S2: secrets are masked on the way out and kept when the mask comes back. */
class NotificationSettingsTest {

    private final NotificationSettings stored = new NotificationSettings(
            new NotificationSettings.Email("ops@example.com", "smtp.example.com", 587, "monitor", "smtp-pass", null,
                    true),
            new NotificationSettings.Slack("https://hooks.slack.com/services/T/B/secret"),
            new NotificationSettings.Webhook("https://hooks.example.com/a?token=t", "bearer-secret"),
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), List.of("severity"));

    @Test
    void maskedShowsNoSecret() {
        NotificationSettings masked = stored.masked();

        assertThat(masked.email().smtpPassword()).isEqualTo(NotificationSettings.MASK);
        assertThat(masked.slack().webhookUrl()).isEqualTo(NotificationSettings.MASK);
        assertThat(masked.webhook().url()).isEqualTo(NotificationSettings.MASK);
        assertThat(masked.webhook().bearerToken()).isEqualTo(NotificationSettings.MASK);
        assertThat(masked.email().to()).isEqualTo("ops@example.com");
    }

    @Test
    void maskSentBackKeepsTheStoredSecretAndANewValueReplacesIt() {
        NotificationSettings sent = new NotificationSettings(
                new NotificationSettings.Email("ops@example.com", "smtp.example.com", 587, "monitor",
                        NotificationSettings.MASK, null, true),
                new NotificationSettings.Slack("https://hooks.slack.com/services/T/B/new"),
                new NotificationSettings.Webhook(NotificationSettings.MASK, null), null, null, null, null);

        NotificationSettings kept = sent.keepSecretsOf(stored);

        assertThat(kept.email().smtpPassword()).isEqualTo("smtp-pass");
        assertThat(kept.slack().webhookUrl()).endsWith("/new");
        assertThat(kept.webhook().url()).isEqualTo("https://hooks.example.com/a?token=t");
        assertThat(kept.webhook().bearerToken()).isNull();
    }

    @Test
    void absentGroupingTakesTheOperatorDefaults() {
        NotificationSettings sent = new NotificationSettings(null, null, null, null, Duration.ofMinutes(1), null,
                null);

        NotificationSettings settings = sent.withDefaults(stored);

        assertThat(settings.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.groupInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(settings.groupBy()).containsExactly("severity");
        assertThat(settings.slack().webhookUrl()).isNull();
    }

    @Test
    void invalidFieldsAreNamed() {
        NotificationSettings bad = new NotificationSettings(
                new NotificationSettings.Email("not-an-address", null, 70000, null, null, null, null),
                new NotificationSettings.Slack("file:///etc/passwd"), null, Duration.ofSeconds(-1), Duration.ZERO,
                null, List.of("colour"));

        assertThat(bad.validate(new UrlGuard(List.of()))).extracting(FieldError::field).containsExactlyInAnyOrder(
                "notifications.email.to", "notifications.email.smtp_port", "notifications.email.smtp_host",
                "notifications.slack.webhook_url", "notifications.group_wait", "notifications.group_interval",
                "notifications.group_by");
    }
}
