package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.api.kafka.TopicConsumer;

import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.api.anomalies.AnomalyStore;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.api.alerts.AlertStore;
import io.lifestrands.monitor.api.alerts.ReceivedAlert;
import io.lifestrands.monitor.api.silences.SilenceBook;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes each polled batch of windows and status changes to PostgreSQL in one transaction, and the batch's alert
 * transitions and anomaly episodes as idempotent upserts; the consumer commits offsets only after all of them. Each
 * alert transition is stored with the silences that held it at its record time.
 */
final class HistoryHandler implements TopicConsumer.BatchHandler {

    private final HistoryStore store;
    private final AlertStore alerts;
    private final ActiveAlerts activeAlerts;
    private final AnomalyStore anomalies;
    private final SilenceBook silences;
    private final RecordDecoder decoder;
    private final Set<String> resolutions;

    /** @param resolutions window resolutions worth keeping; live rolling views are skipped */
    HistoryHandler(HistoryStore store, AlertStore alerts, ActiveAlerts activeAlerts, AnomalyStore anomalies,
                   SilenceBook silences, RecordDecoder decoder, Set<String> resolutions) {
        this.store = store;
        this.alerts = alerts;
        this.activeAlerts = activeAlerts;
        this.anomalies = anomalies;
        this.silences = silences;
        this.decoder = decoder;
        this.resolutions = Set.copyOf(resolutions);
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records) {
        List<MetricWindow> windows = new ArrayList<>();
        List<StatusChange> changes = new ArrayList<>();
        List<ReceivedAlert> received = new ArrayList<>();
        List<AnomalyEpisode> episodes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                // a tombstone removes a service from the live view; history keeps what happened
                continue;
            }
            if (record.topic().equals(Topics.METRICS.name())) {
                decoder.decode(record, MetricWindow.class, HistoryStore::sketchBytes)
                        .filter(window -> resolutions.contains(window.resolution()))
                        .ifPresent(windows::add);
            } else if (record.topic().equals(Topics.STATUS.name())) {
                decoder.decode(record, StatusChange.class).ifPresent(changes::add);
            } else if (record.topic().equals(Topics.ALERTS.name())) {
                decoder.decode(record, AlertEvent.class).ifPresent(event -> received.add(received(event,
                        Instant.ofEpochMilli(record.timestamp()))));
            } else if (record.topic().equals(Topics.ANOMALIES.name())) {
                decoder.decode(record, AnomalyEpisode.class).ifPresent(episodes::add);
            }
        }
        if (!windows.isEmpty() || !changes.isEmpty()) {
            store.write(windows, changes);
        }
        alerts.upsert(received);
        if (!received.isEmpty()) {
            activeAlerts.storeChanged();
        }
        anomalies.upsert(episodes);
    }

    private ReceivedAlert received(AlertEvent event, Instant recordTime) {
        return new ReceivedAlert(event, recordTime, silences.silencing(event, recordTime));
    }
}
