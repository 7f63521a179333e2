package io.lifestrands.monitor.api.live;

import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.StatusChange;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The api's in-memory view of "now": the latest status of every service and the latest window of every series.
 * Fed by the live consumer (and Redis at start-up); read by REST and the WebSocket, so neither needs Redis.
 */
@Component
public class LiveState {

    private static final int MAX_EARLY_ACKS = 1000;

    private final ConcurrentMap<String, StatusChange> statuses = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MetricWindow> windows = new ConcurrentHashMap<>();
    /** Pending and firing alerts by fingerprint. */
    private final ConcurrentMap<String, AlertView> alerts = new ConcurrentHashMap<>();
    /** Acknowledgements that arrived before their alert was seen, by alert id; oldest evicted beyond the bound. */
    private final Map<String, AlertAcknowledged> earlyAcks = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AlertAcknowledged> eldest) {
            return size() > MAX_EARLY_ACKS;
        }
    };
    /** Latest sample labels (e.g. {@code model_type}) by service. */
    private final ConcurrentMap<String, Map<String, String>> labels = new ConcurrentHashMap<>();

    /**
     * Takes a status change unless an equal or older one for that service is already held.
     *
     * @return true when the change became the current status
     */
    public boolean applyStatus(StatusChange change) {
        boolean[] taken = {false};
        statuses.compute(change.service(), (service, held) -> {
            if (held == null || change.ts().isAfter(held.ts())
                    || (change.ts().equals(held.ts()) && !change.equals(held))) {
                taken[0] = true;
                return change;
            }
            return held;
        });
        return taken[0];
    }

    /** Forgets a service (a tombstone on the compacted status topic). */
    public void removeStatus(String service) {
        statuses.remove(service);
    }

    /**
     * Takes a window unless a window of that series ending later is already held; an equal end replaces it
     * (a live view updated in place).
     *
     * @return true when the window became the latest of its series
     */
    public boolean applyWindow(MetricWindow window) {
        boolean[] taken = {false};
        windows.compute(window.key(), (key, held) -> {
            if (held == null || !window.windowEnd().isBefore(held.windowEnd())) {
                taken[0] = true;
                return window;
            }
            return held;
        });
        return taken[0];
    }

    public Optional<StatusChange> status(String service) {
        return Optional.ofNullable(statuses.get(service));
    }

    public Optional<MetricWindow> window(String key) {
        return Optional.ofNullable(windows.get(key));
    }

    /** Every service that has a status or any window, sorted. */
    public SortedSet<String> services() {
        SortedSet<String> services = new TreeSet<>(statuses.keySet());
        windows.values().forEach(window -> services.add(window.service()));
        return services;
    }

    public boolean knows(String service) {
        return statuses.containsKey(service) || windows.values().stream().anyMatch(w -> w.service().equals(service));
    }

    /** Health of one service; {@code unknown} status when it has only windows. */
    public ServiceHealth health(String service) {
        StatusChange change = statuses.get(service);
        return change == null ? ServiceHealth.unknown(service) : ServiceHealth.of(change);
    }

    /** Health of every known service, keyed and sorted by service. */
    public SortedMap<String, ServiceHealth> healthOfAll() {
        SortedMap<String, ServiceHealth> all = new TreeMap<>();
        services().forEach(service -> all.put(service, health(service)));
        return all;
    }

    public Map<String, StatusChange> statuses() {
        return Map.copyOf(statuses);
    }

    /** A copy of the latest window of every series. */
    public List<MetricWindow> windows() {
        return List.copyOf(windows.values());
    }

    /**
     * Takes an alert transition: pending and firing alerts become (or stay) active, a resolved one leaves the active
     * set. An acknowledgement of the same episode is kept.
     *
     * @return the alert as the feed shows it
     */
    public AlertView applyAlert(AlertEvent event) {
        AlertView view = AlertView.of(event);
        AlertAcknowledged early;
        synchronized (earlyAcks) {
            early = earlyAcks.remove(event.id());
        }
        AlertView held = alerts.get(event.fingerprint());
        if (early != null) {
            view = view.acknowledgedBy(early);
        } else if (held != null && held.acknowledged() && held.id().equals(event.id())) {
            view = view.acknowledgedBy(new AlertAcknowledged(held.id(), held.acknowledgedBy(), held.acknowledgedAt(),
                    held.comment()));
        }
        if (event.state() == AlertState.RESOLVED) {
            alerts.remove(event.fingerprint());
        } else {
            alerts.put(event.fingerprint(), view);
        }
        return view;
    }

    /**
     * Marks the active alert episode {@code ack.alertId()} acknowledged; remembers the acknowledgement for a while
     * when that episode has not arrived yet.
     *
     * @return the acknowledged alert, empty when it is not active here
     */
    public Optional<AlertView> acknowledge(AlertAcknowledged ack) {
        for (Map.Entry<String, AlertView> entry : alerts.entrySet()) {
            if (entry.getValue().id().equals(ack.alertId())) {
                AlertView acked = entry.getValue().acknowledgedBy(ack);
                alerts.replace(entry.getKey(), entry.getValue(), acked);
                return Optional.of(acked);
            }
        }
        synchronized (earlyAcks) {
            earlyAcks.put(ack.alertId(), ack);
        }
        return Optional.empty();
    }

    /** Pending and firing alerts, most severe first, then oldest first. */
    public List<AlertView> activeAlerts() {
        return alerts.values().stream()
                .sorted(Comparator.comparing((AlertView a) -> severityRank(a.severity()))
                        .thenComparing(AlertView::startsAt))
                .toList();
    }

    private static int severityRank(String severity) {
        return switch (severity) {
            case "critical" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }

    /** Takes the labels of a service's latest sample; services with no labels are left as they were. */
    public void applyLabels(String service, Map<String, String> sampleLabels) {
        if (!sampleLabels.isEmpty()) {
            labels.put(service, Map.copyOf(sampleLabels));
        }
    }

    /** Latest sample labels by service, sorted. */
    public SortedMap<String, Map<String, String>> labels() {
        return new TreeMap<>(labels);
    }
}
