package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.system.Background;
import io.lifestrands.monitor.api.kafka.Backoff;
import io.lifestrands.monitor.api.silences.SilenceBook;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Sends what the delivery log holds, on one thread every tick: due deliveries of each channel are grouped by the
 * configured fields, and each group goes out as one message, at most once per group interval (a retry of a failed
 * message is not held back). A failed attempt is retried with exponential back-off (or after the receiver's
 * {@code Retry-After}) until the give-up time; a permanent rejection is marked failed at once. A due delivery that an
 * active silence or maintenance window holds ({@link SilenceBook#silencing}) is held instead of sent; a held firing
 * delivery whose episode still fires is queued again on the first tick at which nothing holds it (the silence expired
 * by time or early, the window's occurrence ended or it was deleted).
 */
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_ROWS = 5000;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final DeliveryLog deliveries;
    private final NotificationConfig config;
    private final List<Channel> channels;
    private final NotifySettings operator;
    private final Backoff backoff;
    private final SilenceBook silences;
    private final Clock clock;
    private final Map<String, Instant> nextGroupMessage = new ConcurrentHashMap<>();
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private volatile Background executor;
    private Instant nextPurge = Instant.MIN;

    Dispatcher(DeliveryLog deliveries, NotificationConfig config, List<Channel> channels, NotifySettings operator,
               SilenceBook silences, Clock clock) {
        this.deliveries = deliveries;
        this.config = config;
        this.channels = List.copyOf(channels);
        this.operator = operator;
        this.backoff = new Backoff(operator.retryInitialDelay(), operator.retryMaxDelay());
        this.silences = silences;
        this.clock = clock;
    }

    @Override
    public void start() {
        executor = Background.start("notify-dispatcher", 1);
        executor.every(operator.tick(), operator.tick(), this::tick);
    }

    @Override
    public void stop() {
        Background e = executor;
        executor = null;
        if (e != null) {
            // a send in flight gets a moment, then is interrupted: what it did not finish is retried after restart
            e.close(STOP_GRACE);
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** One pass: queue repeats, release what silences no longer hold, then send every sendable group of every channel. */
    void tick() {
        try {
            NotificationSettings settings = config.current();
            Instant now = clock.instant();
            deliveries.queueRepeats(now, settings.repeatInterval());
            releaseUnsilenced(now);
            nextGroupMessage.values().removeIf(next -> next.isBefore(now));
            if (!now.isBefore(nextPurge)) {
                nextPurge = now.plus(PURGE_EVERY);
                deliveries.purge(now.minus(operator.logRetention()));
            }
            for (Channel channel : channels) {
                deliveries.withDue(channel.name(), now, MAX_ROWS, due -> {
                    sendGroups(channel, due, settings);
                    return null;
                });
            }
        } catch (RuntimeException e) {
            if (executor == null) {
                // stopping: the tick was interrupted on purpose; what it did not send is sent after the restart
                log.debug("Notification dispatch interrupted by the stop: {}", e.toString());
                return;
            }
            // e.g. PostgreSQL down: the log keeps everything, the next tick tries again
            log.warn("Notification dispatch failed, retrying next tick: {}", e.toString());
        }
    }

    private void releaseUnsilenced(Instant now) {
        List<Delivery> ended = deliveries.heldFiring(MAX_ROWS).stream()
                .filter(d -> silences.silencing(d.alert(), now).isEmpty()).toList();
        if (!ended.isEmpty()) {
            deliveries.release(ended, now);
            log.info("Silence over for {} firing deliveries, queued to send", ended.size());
        }
    }

    private void sendGroups(Channel channel, List<Delivery> due, NotificationSettings settings) {
        Instant at = clock.instant();
        Map<Boolean, List<Delivery>> silenced = due.stream()
                .collect(Collectors.partitioningBy(d -> !silences.silencing(d.alert(), at).isEmpty()));
        if (!silenced.get(true).isEmpty()) {
            deliveries.markSilenced(silenced.get(true));
        }
        Map<String, List<Delivery>> groups = new LinkedHashMap<>();
        for (Delivery delivery : silenced.get(false)) {
            groups.computeIfAbsent(groupKey(channel, delivery.alert(), settings), k -> new ArrayList<>())
                    .add(delivery);
        }
        groups.forEach((key, group) -> {
            Instant now = clock.instant();
            boolean retry = group.stream().anyMatch(d -> d.attempts() > 0);
            if (!retry && now.isBefore(nextGroupMessage.getOrDefault(key, Instant.MIN))) {
                return;
            }
            nextGroupMessage.put(key, now.plus(settings.groupInterval()));
            send(channel, key, group, settings, now);
        });
    }

    private void send(Channel channel, String key, List<Delivery> group, NotificationSettings settings,
                      Instant now) {
        // an episode that fired and resolved before its first message is listed once, as resolved
        Map<String, AlertEvent> latest = new LinkedHashMap<>();
        group.forEach(d -> latest.merge(d.alertId(), d.alert(), (a, b) -> b.state() == AlertState.RESOLVED ? b : a));
        List<AlertEvent> alerts = List.copyOf(latest.values());
        int listed = Math.min(alerts.size(), operator.maxAlertsPerMessage());
        Notice notice = new Notice(key, groupLabels(group.get(0).alert(), settings), alerts.subList(0, listed),
                alerts.size() - listed);
        Outcome outcome = channel.configured(settings) ? channel.send(notice, settings)
                : Outcome.failed(null, "channel no longer configured");
        outcome = outcome.redacted(settings.secrets());
        switch (outcome.kind()) {
            case SENT -> deliveries.markSent(group, now, outcome.status());
            case FAILED -> {
                deliveries.markFailed(group, outcome);
                log.warn("Notification on {} failed for good for {} alerts: {}", channel.name(), group.size(),
                        outcome.error());
            }
            case RETRY -> retry(channel, group, outcome, now);
        }
    }

    private void retry(Channel channel, List<Delivery> group, Outcome outcome, Instant now) {
        List<Delivery> giveUp = new ArrayList<>();
        List<Delivery> again = new ArrayList<>();
        for (Delivery d : group) {
            (d.createdAt().plus(operator.giveUpAfter()).isBefore(now) ? giveUp : again).add(d);
        }
        if (!giveUp.isEmpty()) {
            deliveries.markFailed(giveUp, Outcome.failed(outcome.status(), "gave up after "
                    + operator.giveUpAfter() + ": " + outcome.error()));
        }
        if (!again.isEmpty()) {
            int attempts = again.stream().mapToInt(Delivery::attempts).max().orElse(0) + 1;
            Duration delay = outcome.retryAfter() != null ? outcome.retryAfter() : backoff.delay(attempts);
            deliveries.markRetry(again, now.plus(delay), outcome);
            log.info("Notification on {} for {} alerts not delivered ({}), attempt {}, retrying in {}",
                    channel.name(), again.size(), outcome.error(), attempts, delay);
        }
    }

    static String groupKey(Channel channel, AlertEvent alert, NotificationSettings settings) {
        return channel.name() + groupLabels(alert, settings);
    }

    private static Map<String, String> groupLabels(AlertEvent alert, NotificationSettings settings) {
        Map<String, String> labels = new TreeMap<>();
        for (String field : settings.groupBy()) {
            labels.put(field, switch (field) {
                case "severity" -> SlackMessage.severity(alert);
                case "rule" -> alert.rule();
                case "service" -> alert.service();
                case "state" -> alert.state().name().toLowerCase(Locale.ROOT);
                default -> "";
            });
        }
        return labels;
    }
}
