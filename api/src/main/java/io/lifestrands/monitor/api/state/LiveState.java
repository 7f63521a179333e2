package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.api.maintenance.MaintenanceBook;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Resolution;
import io.lifestrands.monitor.schema.StatusChange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The api's in-memory view of "now": the latest status of every service, the latest window of every series and the
 * latest sample labels, the open anomaly episodes, and the dead letters of each service by category reason (the
 * active alerts are {@code alerts.ActiveAlerts}).
 * Fed by the live consumer (and Redis at start-up); read by REST and the WebSocket, so neither needs Redis.
 */
@Component
public class LiveState {

    private static final Set<String> ONE_MINUTE = Set.of(Resolution.MINUTE.label(), Resolution.LIVE_1M.label());

    private final ConcurrentMap<String, StatusChange> statuses = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MetricWindow> windows = new ConcurrentHashMap<>();
    /** Latest sample labels (e.g. {@code model_type}) by service. */
    private final ConcurrentMap<String, Map<String, String>> labels = new ConcurrentHashMap<>();
    /**
     * End of the newest one-minute window (final {@code 1m} or rolling {@code live1m}) with data by service: the
     * service last reported at most a minute before it. Coarser windows would say it up to their size too late (a
     * {@code live5m} view still holds data five minutes after the last sample).
     */
    private final ConcurrentMap<String, Instant> lastData = new ConcurrentHashMap<>();
    /** Dead letters by service and category reason ({@code implausible}, {@code late}). */
    private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> deadLetters = new ConcurrentHashMap<>();
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final OpenAnomalies anomalies = new OpenAnomalies();
    private final MaintenanceBook maintenance;
    private final Clock clock;

    /** A live state that knows no maintenance windows. */
    public LiveState() {
        this(null, Clock.systemUTC());
    }

    /** @param maintenance the windows that turn a service's status into {@code maintenance} while they are active */
    @Autowired
    public LiveState(MaintenanceBook maintenance, Clock clock) {
        this.maintenance = maintenance;
        this.clock = clock;
    }

    /** The ids of the maintenance windows active now for {@code service}; empty when none is. */
    public List<String> maintenanceOf(String service) {
        return maintenance == null ? List.of() : maintenance.activeFor(service, clock.instant());
    }

    /** The open anomaly episodes of every service. */
    public OpenAnomalies anomalies() {
        return anomalies;
    }

    /** Adds a listener of every later change (the Redis copy, the WebSocket feed). */
    public void listen(StateListener listener) {
        listeners.add(listener);
    }

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
        if (taken[0]) {
            listeners.forEach(listener -> listener.statusChanged(change.service(), change));
        }
        return taken[0];
    }

    /** Forgets a service (a tombstone on the compacted status topic). */
    public void removeStatus(String service) {
        if (statuses.remove(service) != null) {
            listeners.forEach(listener -> listener.statusChanged(service, null));
        }
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
        if (window.count() > 0 && ONE_MINUTE.contains(window.resolution())) {
            lastData.merge(window.service(), window.windowEnd(), (a, b) -> a.isAfter(b) ? a : b);
        }
        if (taken[0]) {
            listeners.forEach(listener -> listener.windowChanged(window));
        }
        return taken[0];
    }

    public Optional<StatusChange> status(String service) {
        return Optional.ofNullable(statuses.get(service));
    }

    /** End of the newest window of {@code service} that held data; empty when it never reported any. */
    public Optional<Instant> lastDataAt(String service) {
        return Optional.ofNullable(lastData.get(service));
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

    /**
     * Health of one service; {@code unknown} status when it has only windows, {@code maintenance} (with the probed
     * status beside it) while a maintenance window covers it.
     */
    public ServiceHealth health(String service) {
        StatusChange change = statuses.get(service);
        ServiceHealth probed = change == null ? ServiceHealth.unknown(service) : ServiceHealth.of(change);
        return probed.inMaintenance(maintenanceOf(service));
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

    /** Takes the labels of a service's latest sample; services with no labels are left as they were. */
    public void applyLabels(String service, Map<String, String> sampleLabels) {
        if (!sampleLabels.isEmpty()) {
            labels.put(service, Map.copyOf(sampleLabels));
        }
    }

    /** Counts one dead letter of {@code service} for {@code reason}. */
    public void countDeadLetter(String service, String reason) {
        deadLetters.computeIfAbsent(service, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Dead letters of {@code service} by reason; empty when it has none. */
    public SortedMap<String, Long> deadLetters(String service) {
        SortedMap<String, Long> out = new TreeMap<>();
        Map<String, LongAdder> counts = deadLetters.get(service);
        if (counts != null) {
            counts.forEach((reason, n) -> out.put(reason, n.sum()));
        }
        return out;
    }

    /** Latest sample labels by service, sorted. */
    public SortedMap<String, Map<String, String>> labels() {
        return new TreeMap<>(labels);
    }
}
