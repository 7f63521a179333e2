package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The delivery log ({@code GET /alerts/notifications}) and {@code POST /debug/test-notifications}. */
@RestController
class NotificationController {

    private static final Logger log = LoggerFactory.getLogger(NotificationController.class);
    private static final Set<String> STATUSES = Set.of(Delivery.QUEUED, Delivery.RETRYING, Delivery.SENT,
            Delivery.FAILED);
    private static final int MAX_LIMIT = 1000;

    private final DeliveryLog deliveries;
    private final NotificationConfig config;
    private final List<Channel> channels;
    private final Clock clock;

    NotificationController(DeliveryLog deliveries, NotificationConfig config, List<Channel> channels, Clock clock) {
        this.deliveries = deliveries;
        this.config = config;
        this.channels = List.copyOf(channels);
        this.clock = clock;
    }

    /**
     * Deliveries, newest first, with a count per channel and status; failed ones carry their reason.
     *
     * @param status  {@code queued}, {@code retrying}, {@code sent} or {@code failed}
     * @param limit   1..1000 rows
     */
    @GetMapping("/alerts/notifications")
    Map<String, Object> notifications(@RequestParam(required = false) String status,
                                      @RequestParam(required = false) String channel,
                                      @RequestParam(name = "alert_id", required = false) String alertId,
                                      @RequestParam(required = false) String rule,
                                      @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestException("status must be one of " + STATUSES.stream().sorted().toList());
        }
        if (channel != null && channels.stream().noneMatch(c -> c.name().equals(channel))) {
            throw new BadRequestException("channel must be one of "
                    + channels.stream().map(Channel::name).toList());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", deliveries.summary());
        body.put("deliveries", deliveries.list(status, channel, alertId, rule, limit));
        return body;
    }

    /** Sends a test message on every configured channel now (no grouping, not logged) and reports each result. */
    @PostMapping("/debug/test-notifications")
    Map<String, Object> test() {
        NotificationSettings settings = config.current();
        AlertEvent alert = new AlertEvent(null, "test-" + UUID.randomUUID(), "test-notification",
                "test_notification", Severity.CRITICAL, "monitor", AlertState.FIRING, 1, 0,
                "Test notification from the service monitor", clock.instant(), null, Map.of());
        Notice notice = new Notice("test", Map.of(), List.of(alert), 0);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Channel channel : channels) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("channel", channel.name());
            boolean configured = channel.configured(settings);
            result.put("configured", configured);
            if (configured) {
                Outcome outcome = channel.send(notice, settings).redacted(settings.secrets());
                result.put("delivered", outcome.kind() == Outcome.Kind.SENT);
                result.put("http_status", outcome.status());
                result.put("error", outcome.error());
                log.info("Test notification on {}: {}", channel.name(), outcome.kind() == Outcome.Kind.SENT
                        ? "delivered" : outcome.error());
            }
            results.add(result);
        }
        return Map.of("results", results);
    }
}
