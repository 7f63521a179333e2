package io.lifestrands.monitor.processor.backtest;

import io.lifestrands.monitor.schema.json.InvalidRecordException;
import io.lifestrands.monitor.schema.topic.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Reads one topic's records of a time range with a consumer of its own that joins no group: seeks every partition to
 * the first offset at or after the start ({@code offsetsForTimes}) and reads it up to the end it had when the read
 * began, or until a record lies past the end of the range by more than the given slack.
 */
final class TopicHistory {

    /** How long one poll may wait; a read of a partition that yields nothing for this long stops there. */
    private static final Duration POLL = Duration.ofSeconds(2);

    private final String bootstrapServers;

    TopicHistory(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** What a read found: how many records it decoded and skipped, and where the topic's data begins if later. */
    record Read(long decoded, long undecodable, Optional<Instant> keptSince) {
    }

    /**
     * Hands every decodable record of {@code topic} stamped in {@code [start, end + slack]} whose key {@code wanted}
     * takes to {@code sink} with its record time, partition by partition; other keys are skipped undecoded.
     */
    <V> Read read(TopicSpec<String, V> topic, Instant start, Instant end, Duration slack, Predicate<String> wanted,
                  BiConsumer<V, Instant> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                // the processor writes in transactions: what an aborted one wrote never happened
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> queries = new HashMap<>();
            for (PartitionInfo info : consumer.partitionsFor(topic.name())) {
                queries.put(new TopicPartition(topic.name(), info.partition()), start.toEpochMilli());
            }
            Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(queries);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(queries.keySet());
            Map<TopicPartition, Long> ends = consumer.endOffsets(queries.keySet());
            Set<TopicPartition> open = new HashSet<>();
            Instant keptSince = null;
            for (Map.Entry<TopicPartition, OffsetAndTimestamp> entry : first.entrySet()) {
                OffsetAndTimestamp at = entry.getValue();
                if (at == null || at.offset() >= ends.get(entry.getKey())) {
                    continue;
                }
                // the first record at or after the start is the oldest kept one, and older ones were deleted
                if (at.offset() == beginnings.get(entry.getKey()) && at.offset() > 0
                        && at.timestamp() > start.toEpochMilli()) {
                    Instant since = Instant.ofEpochMilli(at.timestamp());
                    keptSince = keptSince == null || since.isAfter(keptSince) ? since : keptSince;
                }
                open.add(entry.getKey());
            }
            consumer.assign(open);
            open.forEach(partition -> consumer.seek(partition, first.get(partition).offset()));
            long last = end.plus(slack).toEpochMilli();
            long decoded = 0;
            long undecodable = 0;
            while (!open.isEmpty()) {
                var records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (!open.contains(partition) || record.value() == null
                            || record.offset() >= ends.get(partition)) {
                        continue;
                    }
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    if (record.timestamp() > last) {
                        stop(consumer, open, partition);
                        continue;
                    }
                    if (!wanted.test(key)) {
                        continue;
                    }
                    try {
                        sink.accept(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()),
                                Instant.ofEpochMilli(record.timestamp()));
                        decoded++;
                    } catch (InvalidRecordException e) {
                        undecodable++;
                    }
                }
                // a transaction's commit marker holds the last offset and is never returned as a record
                for (TopicPartition partition : List.copyOf(open)) {
                    if (consumer.position(partition) >= ends.get(partition)) {
                        stop(consumer, open, partition);
                    }
                }
            }
            return new Read(decoded, undecodable, Optional.ofNullable(keptSince));
        }
    }

    private static void stop(KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> open,
                              TopicPartition partition) {
        open.remove(partition);
        consumer.pause(List.of(partition));
    }
}
