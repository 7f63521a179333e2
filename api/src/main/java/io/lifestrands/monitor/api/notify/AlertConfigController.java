package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.ConfigChange;
import io.lifestrands.monitor.schema.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET|PUT /alerts/config}: the rule set (from and to the compacted rules topic) and the notification
 * settings (PostgreSQL), secrets masked. A PUT replaces whichever of the two parts it carries; every field is
 * checked first and all problems are answered together. A PUT that changes the notification settings reports it as
 * a configuration change ({@link ConfigChangePublisher}); rule changes the processor reports itself.
 */
@RestController
class AlertConfigController {

    /** Subject of the configuration change a PUT of other notification settings reports. */
    static final String NOTIFICATION_SETTINGS = "notification_settings";
    private static final Logger log = LoggerFactory.getLogger(AlertConfigController.class);

    private final RuleCatalog catalog;
    private final RulePublisher publisher;
    private final NotificationConfig config;
    private final UrlGuard guard;
    private final ConfigChangePublisher changes;
    private final RuleValidator validator = new RuleValidator();

    AlertConfigController(RuleCatalog catalog, RulePublisher publisher, NotificationConfig config, UrlGuard guard,
                          ConfigChangePublisher changes) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.config = config;
        this.guard = guard;
        this.changes = changes;
    }

    /** {@code {"rules": [AlertRule...], "notifications": {...}}} with every secret masked. */
    @GetMapping("/alerts/config")
    Map<String, Object> get() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rules", catalog.rules());
        body.put("notifications", config.current().masked());
        return body;
    }

    @PutMapping("/alerts/config")
    Map<String, Object> put(@RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ConfigValidationException(List.of(new FieldError("", "body must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<AlertRule> rules = null;
        if (body.has("rules")) {
            RuleValidator.Result result = validator.validate(body.get("rules"));
            errors.addAll(result.errors());
            rules = result.rules();
        }
        NotificationSettings notifications = null;
        if (body.has("notifications")) {
            notifications = notifications(body.get("notifications"), errors);
        }
        if (!errors.isEmpty()) {
            throw new ConfigValidationException(errors);
        }
        if (rules != null) {
            replaceRules(rules);
        }
        if (notifications != null) {
            boolean changed = !notifications.equals(config.current());
            config.replace(notifications);
            log.info("Notification settings replaced: email {}, slack {}, webhook {}",
                    notifications.email().enabled(), notifications.slack().webhookUrl() != null,
                    notifications.webhook().url() != null);
            if (changed) {
                changes.publish(new ConfigChange(NOTIFICATION_SETTINGS, ConfigChange.Change.UPDATED));
            }
        }
        return get();
    }

    private NotificationSettings notifications(JsonNode node, List<FieldError> errors) {
        NotificationSettings stored = config.current();
        NotificationSettings sent;
        try {
            sent = Json.convert(node, NotificationSettings.class);
        } catch (IllegalArgumentException e) {
            // the reason may quote a sent value, and that value may be a secret
            errors.add(new FieldError("notifications", redact(e.getMessage(), node)));
            return null;
        }
        NotificationSettings settings = sent.keepSecretsOf(stored).withDefaults(config.defaults());
        errors.addAll(settings.validate(guard));
        return settings;
    }

    private void replaceRules(List<AlertRule> rules) {
        Map<String, AlertRule> current = catalog.rules().stream()
                .collect(Collectors.toMap(AlertRule::name, r -> r));
        List<AlertRule> changed = rules.stream().filter(r -> !r.equals(current.get(r.name()))).toList();
        Set<String> kept = rules.stream().map(AlertRule::name).collect(Collectors.toSet());
        List<String> removed = current.keySet().stream().filter(name -> !kept.contains(name)).toList();
        publisher.publish(changed, removed);
        catalog.apply(changed, removed);
        log.info("Alert rules replaced: {} changed, {} removed, {} in force", changed.size(), removed.size(),
                rules.size());
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
