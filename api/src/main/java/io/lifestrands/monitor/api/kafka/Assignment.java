package io.lifestrands.monitor.api.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions a group-less consumer: assigns every partition of each topic and seeks each to its {@link LiveTopic.Start}.
 * A topic that does not exist yet makes the attachment fail, so {@link TopicConsumer} retries it with back-off.
 */
public final class Assignment implements TopicConsumer.Attachment {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final Clock clock;
    private final Map<String, LiveTopic.Start> starts;

    public Assignment(Clock clock, Map<String, LiveTopic.Start> starts) {
        this.clock = clock;
        this.starts = new LinkedHashMap<>(starts);
    }

    /** Every partition of {@code topic} from its beginning. */
    public static Assignment fromBeginning(Clock clock, String topic) {
        return new Assignment(clock, Map.of(topic, LiveTopic.Start.BEGINNING));
    }

    /** The topics of {@code topics} with, for a topic named twice, the start that reads more. */
    static Assignment of(Clock clock, List<LiveTopic> topics) {
        Map<String, LiveTopic.Start> starts = new LinkedHashMap<>();
        topics.forEach(topic -> starts.merge(topic.topic(), topic.start(), LiveTopic.Start::orEarlier));
        return new Assignment(clock, starts);
    }

    Map<String, LiveTopic.Start> starts() {
        return Map.copyOf(starts);
    }

    @Override
    public void attach(Consumer<byte[], byte[]> consumer) {
        Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
        for (String topic : starts.keySet()) {
            partitions.put(topic, partitions(consumer, topic));
        }
        List<TopicPartition> all = new ArrayList<>();
        partitions.values().forEach(all::addAll);
        consumer.assign(all);
        partitions.forEach((topic, list) -> {
            LiveTopic.Start start = starts.get(topic);
            switch (start.kind()) {
                case BEGINNING -> consumer.seekToBeginning(list);
                case END -> consumer.seekToEnd(list);
                case LOOKBACK -> seekToTime(consumer, list, start.lookback());
            }
        });
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

    private static List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist yet");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }
}
