package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.system.FieldError;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * The notification half of {@code /alerts/config}: the current settings with secrets masked, the checks of a sent
 * replacement (a secret sent as the mask keeps the stored one), and the replacement itself, which a change reports as
 * a configuration change ({@link ConfigChangePublisher}).
 */
@Component
public class NotificationEditor {

    /** Subject of the configuration change a replacement by other notification settings reports. */
    static final String NOTIFICATION_SETTINGS = "notification_settings";
    private static final Logger log = LoggerFactory.getLogger(NotificationEditor.class);

    private final NotificationConfig config;
    private final UrlGuard guard;
    private final ConfigChangePublisher changes;

    NotificationEditor(NotificationConfig config, UrlGuard guard, ConfigChangePublisher changes) {
        this.config = config;
        this.guard = guard;
        this.changes = changes;
    }

    /** The settings in force, every secret masked. */
    public Object masked() {
        return config.current().masked();
    }

    /** A checked replacement ready for {@link #replace}, or empty with the reasons added to {@code errors}. */
    public Optional<Replacement> check(JsonNode node, List<FieldError> errors) {
        NotificationSettings sent;
        try {
            sent = Json.convert(node, NotificationSettings.class);
        } catch (IllegalArgumentException e) {
            // the reason may quote a sent value, and that value may be a secret
            errors.add(new FieldError("notifications", redact(e.getMessage(), node)));
            return Optional.empty();
        }
        NotificationSettings settings = sent.keepSecretsOf(config.current()).withDefaults(config.defaults());
        List<FieldError> found = settings.validate(guard);
        errors.addAll(found);
        return found.isEmpty() ? Optional.of(new Replacement(settings)) : Optional.empty();
    }

    /** Puts a checked replacement in force. */
    public void replace(Replacement replacement) {
        NotificationSettings settings = replacement.settings;
        boolean changed = !settings.equals(config.current());
        config.replace(settings);
        log.info("Notification settings replaced: email {}, slack {}, webhook {}", settings.email().enabled(),
                settings.slack().webhookUrl() != null, settings.webhook().url() != null);
        if (changed) {
            changes.publish(new ConfigChange(NOTIFICATION_SETTINGS, ConfigChange.Change.UPDATED));
        }
    }

    /** Settings that passed {@link #check}. */
    public static final class Replacement {
        private final NotificationSettings settings;

        private Replacement(NotificationSettings settings) {
            this.settings = settings;
        }
    }

    private static String redact(String reason, JsonNode notifications) {
        String text = reason == null ? "invalid" : reason;
        for (String path : List.of("/email/smtp_password", "/slack/webhook_url", "/webhook/url",
                "/webhook/bearer_token")) {
            JsonNode secret = notifications.at(path);
            String value = secret.isMissingNode() || secret.isNull() ? "" : secret.toString().replace("\"", "");
            if (value.length() >= 3) {
                text = text.replace(value, NotificationSettings.MASK);
            }
        }
        return text;
    }
}
