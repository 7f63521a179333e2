package io.lifestrands.monitor.api.consume;

import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.List;

/**
 * Positions the group-less heartbeat consumer at the beginning of {@code monitor.processor-health.v1}: it is
 * compacted, so that is the latest heartbeat of every processor instance, and small.
 */
final class HeartbeatAssignment implements TopicConsumer.Attachment {

    @Override
    public void attach(Consumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = LiveAssignment.partitions(consumer, Topics.PROCESSOR_HEALTH.name());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }
}
