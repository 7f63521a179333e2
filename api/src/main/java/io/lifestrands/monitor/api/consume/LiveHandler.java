package io.lifestrands.monitor.api.consume;

import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.api.live.LiveState;
import io.lifestrands.monitor.api.live.MonitorSocketHandler;
import io.lifestrands.monitor.api.live.RedisLiveStore;
import io.lifestrands.monitor.schema.AlertAck;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.nio.charset.StandardCharsets;

/**
 * Applies windows and status changes to the live state, marks them for Redis and tells WebSocket clients; applies
 * alert transitions and acknowledgements (of every api instance) to the active alerts, which tell the WebSocket
 * clients themselves;
 * takes the labels (e.g. {@code model_type}) of samples that carry any.
 */
final class LiveHandler implements TopicConsumer.BatchHandler {

    private static final byte[] LABELS = "\"labels\":{\"".getBytes(StandardCharsets.UTF_8);

    private final LiveState state;
    private final ActiveAlerts alerts;
    private final RedisLiveStore redis;
    private final MonitorSocketHandler socket;
    private final RecordDecoder decoder;
    private final PipelineStats stats;

    LiveHandler(LiveState state, ActiveAlerts alerts, RedisLiveStore redis, MonitorSocketHandler socket,
                RecordDecoder decoder, PipelineStats stats) {
        this.state = state;
        this.alerts = alerts;
        this.redis = redis;
        this.socket = socket;
        this.decoder = decoder;
        this.stats = stats;
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.topic().equals(Topics.METRICS.name())) {
                window(record);
            } else if (record.topic().equals(Topics.STATUS.name())) {
                status(record);
            } else if (record.topic().equals(Topics.ALERTS.name())) {
                decoder.decode(record, AlertEvent.class).ifPresent(alerts::apply);
            } else if (record.topic().equals(Topics.ALERT_ACKS.name()) && record.value() != null) {
                decoder.decode(record, AlertAck.class).ifPresent(ack -> alerts.acknowledge(AlertAcknowledged.of(ack)));
            } else if (record.topic().equals(Topics.SAMPLES.name()) && hasLabels(record.value())) {
                decoder.decode(record, Sample.class).ifPresent(sample -> state.applyLabels(sample.service(),
                        sample.labels()));
            }
        }
    }

    private void window(ConsumerRecord<byte[], byte[]> record) {
        decoder.decode(record, MetricWindow.class).ifPresent(window -> {
            stats.metricReceived();
            if (state.applyWindow(window)) {
                redis.windowChanged(window.key());
                socket.metricsChanged();
            }
        });
    }

    private void status(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                String service = new String(record.key(), StandardCharsets.UTF_8);
                state.removeStatus(service);
                redis.statusChanged(service);
            }
            return;
        }
        decoder.decode(record, StatusChange.class).ifPresent(change -> {
            stats.statusReceived();
            if (state.applyStatus(change)) {
                redis.statusChanged(change.service());
                socket.broadcastStatusChange(change);
            }
        });
    }

    /** Most samples carry no labels; skip decoding those (the whole samples topic passes through here). */
    private static boolean hasLabels(byte[] value) {
        return value != null && indexOf(value, LABELS) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
