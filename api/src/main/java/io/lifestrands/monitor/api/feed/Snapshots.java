package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.state.LiveState;

import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.api.alerts.AlertView;
import io.lifestrands.monitor.api.state.MetricsSnapshot;
import io.lifestrands.monitor.api.state.MetricsView;
import io.lifestrands.monitor.schema.AnomalyEpisode;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code snapshot} a client gets on connect: metrics, statuses, open alerts, labels and open anomaly episodes as
 * of one {@code seq}.
 */
final class Snapshots implements LiveFeed.Snapshots {

    private final MetricsView metrics;
    private final LiveState state;
    private final ActiveAlerts alerts;

    Snapshots(MetricsView metrics, LiveState state, ActiveAlerts alerts) {
        this.metrics = metrics;
        this.state = state;
        this.alerts = alerts;
    }

    @Override
    public SocketMessages.Snapshot at(long seq, String stream, String reason, Set<String> services) {
        MetricsSnapshot current = metrics.current();
        List<AlertView> open = alerts.open().stream()
                .filter(alert -> services.isEmpty() || services.contains(alert.service())).toList();
        List<AnomalyEpisode> anomalies = state.anomalies().open().stream()
                .filter(episode -> services.isEmpty() || services.contains(episode.service())).toList();
        SocketMessages.SnapshotData data = new SocketMessages.SnapshotData(current.timestamp(),
                only(current.services(), services), only(state.healthOfAll(), services), open,
                only(state.labels(), services), anomalies);
        return new SocketMessages.Snapshot(SocketMessages.SNAPSHOT, seq, stream, reason, data, current.timestamp());
    }

    /** The entries of {@code all} whose key is one of {@code services}; all of them when {@code services} is empty. */
    static <V> SortedMap<String, V> only(SortedMap<String, V> all, Set<String> services) {
        if (services.isEmpty()) {
            return all;
        }
        SortedMap<String, V> some = new TreeMap<>(all);
        some.keySet().retainAll(services);
        return some;
    }
}
