package io.lifestrands.monitor.api.consume;

import io.lifestrands.monitor.api.live.LiveState;
import io.lifestrands.monitor.api.live.MonitorSocketHandler;
import io.lifestrands.monitor.api.live.RedisLiveStore;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.nio.charset.StandardCharsets;

/** Applies windows and status changes to the live state, marks them for Redis and tells WebSocket clients. */
final class LiveHandler implements TopicConsumer.BatchHandler {

    private final LiveState state;
    private final RedisLiveStore redis;
    private final MonitorSocketHandler socket;
    private final RecordDecoder decoder;
    private final PipelineStats stats;

    LiveHandler(LiveState state, RedisLiveStore redis, MonitorSocketHandler socket, RecordDecoder decoder,
                PipelineStats stats) {
        this.state = state;
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
            }
        }
    }

    private void window(ConsumerRecord<byte[], byte[]> record) {
        decoder.decode(record, MetricWindow.class).ifPresent(window -> {
            stats.metricReceived();
            if (state.applyWindow(window)) {
                redis.windowChanged(window.key());
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
}
