package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.api.notify.NotificationEditor;
import io.lifestrands.monitor.api.system.ConfigValidationException;
import io.lifestrands.monitor.api.system.FieldError;
import io.lifestrands.monitor.schema.AlertRule;
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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET|PUT /alerts/config}: the rule set (from and to the compacted rules topic) and the notification
 * settings ({@link NotificationEditor}, in PostgreSQL), secrets masked. A PUT replaces whichever of the two parts it
 * carries; every field is checked first and all problems are answered together. Rule changes the processor reports
 * as configuration changes itself.
 */
@RestController
class AlertConfigController {

    private static final Logger log = LoggerFactory.getLogger(AlertConfigController.class);

    private final RuleCatalog catalog;
    private final RulePublisher publisher;
    private final NotificationEditor notifications;
    private final RuleValidator validator = new RuleValidator();

    AlertConfigController(RuleCatalog catalog, RulePublisher publisher, NotificationEditor notifications) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.notifications = notifications;
    }

    /** {@code {"rules": [AlertRule...], "notifications": {...}}} with every secret masked. */
    @GetMapping("/alerts/config")
    Map<String, Object> get() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rules", catalog.rules());
        body.put("notifications", notifications.masked());
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
        Optional<NotificationEditor.Replacement> replacement = Optional.empty();
        if (body.has("notifications")) {
            replacement = notifications.check(body.get("notifications"), errors);
        }
        if (!errors.isEmpty()) {
            throw new ConfigValidationException(errors);
        }
        if (rules != null) {
            replaceRules(rules);
        }
        replacement.ifPresent(notifications::replace);
        return get();
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
}
