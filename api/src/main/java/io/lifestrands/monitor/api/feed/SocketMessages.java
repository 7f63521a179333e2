package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.slo.SloView;
import io.lifestrands.monitor.api.state.ServiceHealth;

import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.api.alerts.AlertView;
import io.lifestrands.monitor.api.state.MetricsSnapshot;
import io.lifestrands.monitor.api.state.ServiceMetrics;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.StatusChange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The messages of {@code /ws/monitor}: the seed's shapes plus {@code seq} (position in this server's stream) on every
 * message that changes state. See {@code docs/dashboard.md} for the protocol.
 */
final class SocketMessages {

    static final String SNAPSHOT = "snapshot";
    static final String METRICS_UPDATE = "metrics_update";
    static final String STATUS_CHANGE = "status_change";
    static final String ALERT = "alert";
    static final String ALERT_ACKNOWLEDGED = "alert_acknowledged";
    static final String ANOMALY = "anomaly";
    static final String SLO_STATUS = "slo_status";
    /** Types a client may subscribe to; the snapshot and control messages always come. */
    static final Set<String> SUBSCRIBABLE = Set.of(METRICS_UPDATE, STATUS_CHANGE, ALERT, ALERT_ACKNOWLEDGED,
            ANOMALY, SLO_STATUS);

    private SocketMessages() {
    }

    /**
     * Sent on connect, and instead of a replay when a resume is not possible.
     *
     * @param stream identity of this server's message stream; a resume must name it
     * @param seq    the stream position the snapshot reflects; the next message has {@code seq + 1}
     * @param reason {@code connect}, or why a requested resume was not possible
     */
    record Snapshot(String type, long seq, String stream, String reason, SnapshotData data, Instant timestamp) {
    }

    record SnapshotData(Instant timestamp, SortedMap<String, ServiceMetrics> services,
                        SortedMap<String, ServiceHealth> statuses, List<AlertView> alerts,
                        SortedMap<String, Map<String, String>> labels, List<AnomalyEpisode> anomalies) {
    }

    /** Every push interval: the {@code /metrics} body, plus the latest sample labels (e.g. model type). */
    record MetricsUpdate(String type, long seq, MetricsSnapshot data, SortedMap<String, Map<String, String>> labels,
                         Instant timestamp) {
    }

    /** A service's status changed; {@code timestamp} is the change's event time. */
    record StatusChangeMessage(String type, long seq, String service, String oldStatus, String newStatus,
                               Instant timestamp, String reason, String host) {
        static StatusChangeMessage of(long seq, StatusChange change) {
            return new StatusChangeMessage(STATUS_CHANGE, seq, change.service(), change.oldStatus().wire(),
                    change.newStatus().wire(), change.ts(), change.reason(), change.host());
        }
    }

    /** An alert transition (pending, firing, resolved). */
    record AlertMessage(String type, long seq, AlertView alert, Instant timestamp) {
    }

    /** An anomaly episode opened or closed; {@code data} is the episode as {@code monitor.anomalies.v1} carries it. */
    record AnomalyMessage(String type, long seq, AnomalyEpisode data, Instant timestamp) {
    }

    /** An SLO or its error budget and burn rates changed; {@code data} is the SLO as {@code GET /slo} shows it. */
    record SloStatusMessage(String type, long seq, SloView data, Instant timestamp) {
    }

    /** An operator acknowledged an alert episode. */
    record AlertAcknowledgedMessage(String type, long seq, String alertId, String service, String acknowledgedBy,
                                    Instant acknowledgedAt, String comment, Instant timestamp) {
        static AlertAcknowledgedMessage of(long seq, AlertAcknowledged ack, String service) {
            return new AlertAcknowledgedMessage(ALERT_ACKNOWLEDGED, seq, ack.alertId(), service, ack.by(), ack.at(),
                    ack.comment(), ack.at());
        }
    }

    /** Sent before replayed messages when a resume worked: messages {@code from_seq}..{@code to_seq} follow. */
    record Resumed(String type, String stream, long fromSeq, long toSeq) {
    }

    /**
     * Sent every heartbeat interval (not part of the stream): lets a browser notice a dead server; {@code seq} is
     * the stream's latest position, so a client also sees whether it missed anything.
     */
    record Heartbeat(String type, String stream, long seq, Instant timestamp) {
    }

    /** Answer to a client's {@code ping}, or the confirmation of a {@code subscribe}, or a rejected client message. */
    record Control(String type, Set<String> types, Set<String> services, String message, Instant timestamp) {
    }
}
