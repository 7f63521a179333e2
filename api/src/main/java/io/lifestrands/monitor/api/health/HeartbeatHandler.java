package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.api.kafka.TopicConsumer;

import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.nio.charset.StandardCharsets;

/** Hands every processor heartbeat to {@link ProcessorHeartbeats}; a tombstone removes its instance. */
final class HeartbeatHandler implements TopicConsumer.BatchHandler {

    private final ProcessorHeartbeats heartbeats;
    private final RecordDecoder decoder;

    HeartbeatHandler(ProcessorHeartbeats heartbeats, RecordDecoder decoder) {
        this.heartbeats = heartbeats;
        this.decoder = decoder;
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                if (record.key() != null) {
                    heartbeats.remove(new String(record.key(), StandardCharsets.UTF_8));
                }
            } else {
                decoder.decode(record, ProcessorHeartbeat.class).ifPresent(heartbeats::apply);
            }
        }
    }
}
