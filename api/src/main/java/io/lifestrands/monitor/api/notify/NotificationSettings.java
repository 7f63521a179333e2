package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.system.FieldError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The notification part of {@code GET|PUT /alerts/config}: channels and grouping. A channel is enabled when its
 * address is set. Secrets (the Slack webhook URL, the generic webhook URL and token, the SMTP password) are shown as
 * {@link #MASK}; a PUT that sends the mask back keeps the stored value.
 *
 * @param groupWait      how long a new group collects alerts before its first message
 * @param groupInterval  least time between two messages of one group
 * @param repeatInterval a still-firing, unacknowledged alert is sent again after this long
 * @param groupBy        alert fields that make a group within a channel ({@code severity}, {@code rule},
 *                       {@code service}, {@code state})
 */
public record NotificationSettings(Email email, Slack slack, Webhook webhook, Duration groupWait,
                                   Duration groupInterval, Duration repeatInterval, List<String> groupBy) {

    /** What a secret reads as in every response. */
    public static final String MASK = "********";
    static final Set<String> GROUP_FIELDS = Set.of("severity", "rule", "service", "state");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.-]{1,253}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");

    public NotificationSettings {
        email = email == null ? new Email(null, null, null, null, null, null, null) : email;
        slack = slack == null ? new Slack(null) : slack;
        webhook = webhook == null ? new Webhook(null, null) : webhook;
        // null until withDefaults: an absent group_by in a PUT means the operator's choice
        groupBy = groupBy == null ? null : List.copyOf(groupBy);
    }

    /**
     * Email for critical alerts.
     *
     * @param to comma-separated recipients ({@code ALERT_EMAIL})
     */
    public record Email(String to, String smtpHost, Integer smtpPort, String smtpUser, String smtpPassword,
                        String from, Boolean starttls) {
        public Email {
            to = blankToNull(to);
            smtpHost = blankToNull(smtpHost);
            smtpUser = blankToNull(smtpUser);
            smtpPassword = blankToNull(smtpPassword);
            from = blankToNull(from);
            smtpPort = smtpPort == null ? 25 : smtpPort;
            starttls = starttls != null && starttls;
        }

        boolean enabled() {
            return to != null && smtpHost != null;
        }
    }

    /** Slack incoming webhook; the whole URL is the credential. */
    public record Slack(String webhookUrl) {
        public Slack {
            webhookUrl = blankToNull(webhookUrl);
        }
    }

    /** Generic webhook receiving Alertmanager-compatible JSON; the URL may carry a token, so it is a secret too. */
    public record Webhook(String url, String bearerToken) {
        public Webhook {
            url = blankToNull(url);
            bearerToken = blankToNull(bearerToken);
        }
    }

    /** The same settings with every set secret replaced by {@link #MASK}. */
    public NotificationSettings masked() {
        return new NotificationSettings(
                new Email(email.to, email.smtpHost, email.smtpPort, email.smtpUser, mask(email.smtpPassword),
                        email.from, email.starttls),
                new Slack(mask(slack.webhookUrl)),
                new Webhook(mask(webhook.url), mask(webhook.bearerToken)),
                groupWait, groupInterval, repeatInterval, groupBy);
    }

    /** These settings with every secret that reads {@link #MASK} taken from {@code stored}. */
    NotificationSettings keepSecretsOf(NotificationSettings stored) {
        return new NotificationSettings(
                new Email(email.to, email.smtpHost, email.smtpPort, email.smtpUser,
                        keep(email.smtpPassword, stored.email.smtpPassword), email.from, email.starttls),
                new Slack(keep(slack.webhookUrl, stored.slack.webhookUrl)),
                new Webhook(keep(webhook.url, stored.webhook.url),
                        keep(webhook.bearerToken, stored.webhook.bearerToken)),
                groupWait, groupInterval, repeatInterval, groupBy);
    }

    /** Missing grouping values (durations, group-by) taken from {@code defaults}. */
    NotificationSettings withDefaults(NotificationSettings defaults) {
        return new NotificationSettings(email, slack, webhook,
                groupWait == null ? defaults.groupWait : groupWait,
                groupInterval == null ? defaults.groupInterval : groupInterval,
                repeatInterval == null ? defaults.repeatInterval : repeatInterval,
                groupBy == null ? defaults.groupBy : groupBy);
    }

    /** Every secret that is set, for redacting error texts. */
    List<String> secrets() {
        return Stream.of(email.smtpPassword, slack.webhookUrl, webhook.url, webhook.bearerToken)
                .filter(Objects::nonNull).toList();
    }

    /** Field problems, with paths under {@code notifications.}; URLs are checked by {@code guard}. */
    List<FieldError> validate(UrlGuard guard) {
        List<FieldError> errors = new ArrayList<>();
        String prefix = "notifications.";
        if (email.to != null) {
            for (String address : email.to.split(",")) {
                if (!EMAIL.matcher(address.trim()).matches()) {
                    errors.add(new FieldError(prefix + "email.to", "must be comma-separated email addresses"));
                    break;
                }
            }
        }
        if (email.from != null && !EMAIL.matcher(email.from).matches()) {
            errors.add(new FieldError(prefix + "email.from", "must be an email address"));
        }
        if (email.smtpHost != null && !HOST.matcher(email.smtpHost).matches()) {
            errors.add(new FieldError(prefix + "email.smtp_host", "must be a host name or address"));
        }
        if (email.smtpPort < 1 || email.smtpPort > 65535) {
            errors.add(new FieldError(prefix + "email.smtp_port", "must be 1..65535, was " + email.smtpPort));
        }
        if (email.to != null && email.smtpHost == null) {
            errors.add(new FieldError(prefix + "email.smtp_host", "is required when email.to is set"));
        }
        guard.problem(slack.webhookUrl).ifPresent(p -> errors.add(new FieldError(prefix + "slack.webhook_url", p)));
        guard.problem(webhook.url).ifPresent(p -> errors.add(new FieldError(prefix + "webhook.url", p)));
        duration(errors, prefix + "group_wait", groupWait, false);
        duration(errors, prefix + "group_interval", groupInterval, true);
        duration(errors, prefix + "repeat_interval", repeatInterval, true);
        for (String field : groupBy == null ? List.<String>of() : groupBy) {
            if (!GROUP_FIELDS.contains(field)) {
                errors.add(new FieldError(prefix + "group_by", "must name fields of " + GROUP_FIELDS.stream()
                        .sorted().toList() + ", was '" + clip(field) + "'"));
            }
        }
        return errors;
    }

    private static void duration(List<FieldError> errors, String field, Duration value, boolean positive) {
        if (value != null && (value.isNegative() || (positive && value.isZero()))) {
            errors.add(new FieldError(field, "must be " + (positive ? "> 0" : ">= 0") + ", was " + value));
        }
    }

    private static String mask(String secret) {
        return secret == null ? null : MASK;
    }

    private static String keep(String sent, String stored) {
        return MASK.equals(sent) ? stored : sent;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
