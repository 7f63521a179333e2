package io.lifestrands.monitor.api.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A feature's share of the api's one group-less live consumer ({@link LiveConsumerConfiguration}): a topic, where each api
 * instance starts reading it, and what to do with each of its records, in offset order per partition. A feature
 * declares its topics as beans; the consumer knows none of them by name.
 *
 * @param topic   the topic's name, from {@code Topics}
 * @param start   where reading starts whenever the consumer is (re)attached
 * @param handler takes each record; it must not block, and a record it cannot decode it logs and skips
 */
public record LiveTopic(String topic, Start start, Consumer<ConsumerRecord<byte[], byte[]>> handler) {

    public LiveTopic {
        if (topic == null || start == null || handler == null) {
            throw new IllegalArgumentException("topic, start and handler are required");
        }
    }

    /**
     * A compacted topic read from its beginning into a book of the latest value per key: each value decoded as
     * {@code type} goes to {@code put}, each tombstone's key to {@code remove}; an undecodable value is skipped.
     */
    public static <T> LiveTopic latestPerKey(String topic, Class<T> type, RecordDecoder decoder, Consumer<T> put,
                                             Consumer<String> remove) {
        return new LiveTopic(topic, Start.BEGINNING, record -> {
            if (record.value() == null) {
                if (record.key() != null) {
                    remove.accept(new String(record.key(), StandardCharsets.UTF_8));
                }
                return;
            }
            decoder.decode(record, type).ifPresent(put);
        });
    }

    /**
     * Where reading starts: the beginning (a compacted topic's latest value per key), the first record at most
     * {@code lookback} old (the end when there is none), or the end.
     */
    public record Start(Kind kind, Duration lookback) {

        /** In the order of how much they read, most first. */
        public enum Kind { BEGINNING, LOOKBACK, END }

        public static final Start BEGINNING = new Start(Kind.BEGINNING, null);
        public static final Start END = new Start(Kind.END, null);

        public Start {
            if (kind == null || (kind == Kind.LOOKBACK) != (lookback != null)
                    || (lookback != null && lookback.isNegative())) {
                throw new IllegalArgumentException("a look-back start needs a duration >= 0, the others none");
            }
        }

        public static Start lookback(Duration lookback) {
            return new Start(Kind.LOOKBACK, lookback);
        }

        /** Whichever of the two reads more. */
        Start orEarlier(Start other) {
            if (kind != other.kind) {
                return kind.ordinal() < other.kind.ordinal() ? this : other;
            }
            return kind == Kind.LOOKBACK && other.lookback.compareTo(lookback) > 0 ? other : this;
        }
    }
}
