package io.lifestrands.monitor.api.consume;

import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions the group-less live consumer: every partition of the status topic from the beginning (it is compacted,
 * so that is the latest status of each service), of the metrics topic from {@code lookback} ago, of the alerts topic
 * from {@code alertsLookback} ago (so alerts that are still firing are known), else the end; of the compacted
 * acknowledgements topic from the beginning (every episode's acknowledgement, whichever api instance took it); and,
 * when wanted, of the samples topic from the end (only for the latest labels, such as the model type).
 */
final class LiveAssignment implements TopicConsumer.Attachment {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final Clock clock;
    private final Duration lookback;
    private final Duration alertsLookback;
    private final boolean samples;

    LiveAssignment(Clock clock, Duration lookback, Duration alertsLookback, boolean samples) {
        this.clock = clock;
        this.lookback = lookback;
        this.alertsLookback = alertsLookback;
        this.samples = samples;
    }

    @Override
    public void attach(Consumer<byte[], byte[]> consumer) {
        List<TopicPartition> status = partitions(consumer, Topics.STATUS.name());
        List<TopicPartition> metrics = partitions(consumer, Topics.METRICS.name());
        List<TopicPartition> alerts = partitions(consumer, Topics.ALERTS.name());
        List<TopicPartition> acks = partitions(consumer, Topics.ALERT_ACKS.name());
        List<TopicPartition> tail = samples ? partitions(consumer, Topics.SAMPLES.name()) : List.of();
        List<TopicPartition> all = new ArrayList<>(status);
        all.addAll(metrics);
        all.addAll(alerts);
        all.addAll(acks);
        all.addAll(tail);
        consumer.assign(all);
        consumer.seekToBeginning(status);
        consumer.seekToBeginning(acks);
        seekToTime(consumer, metrics, lookback);
        seekToTime(consumer, alerts, alertsLookback);
        consumer.seekToEnd(tail);
    }

    private void seekToTime(Consumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Duration back) {
        // end offsets first: anything produced after this point is read even when the time lookup finds nothing
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        long since = clock.millis() - back.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, METADATA_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            consumer.seek(partition, offset != null ? offset.offset() : ends.get(partition));
        }
    }

    static List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist yet");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
