package io.lifestrands.monitor.api.kafka;

import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes record values and skips the undecodable ones: they come from our own processor, so a bad one is a bug to
 * log and count, and retrying it would only block the partition forever.
 */
public final class RecordDecoder {

    private static final Logger log = LoggerFactory.getLogger(RecordDecoder.class);

    private final PipelineStats stats;

    public RecordDecoder(PipelineStats stats) {
        this.stats = stats;
    }

    /**
     * @param check further validation of the decoded value; throws IllegalArgumentException to reject it
     * @return the value, or empty for a poison record (logged with its offset and counted)
     */
    public <T> Optional<T> decode(ConsumerRecord<byte[], byte[]> record, Class<T> type, Consumer<T> check) {
        try {
            T value = Json.decode(record.value(), type);
            check.accept(value);
            return Optional.of(value);
        } catch (IllegalArgumentException e) {
            stats.poisonRecord();
            log.warn("Skipping undecodable {} on {} partition {} offset {}: {}", type.getSimpleName(),
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return Optional.empty();
        }
    }

    public <T> Optional<T> decode(ConsumerRecord<byte[], byte[]> record, Class<T> type) {
        return decode(record, type, value -> { });
    }
}
