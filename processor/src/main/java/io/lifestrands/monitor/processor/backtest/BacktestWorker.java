package io.lifestrands.monitor.processor.backtest;

import io.lifestrands.monitor.schema.BacktestRequest;
import io.lifestrands.monitor.schema.BacktestResult;
import io.lifestrands.monitor.schema.json.InvalidRecordException;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Answers the backtest requests of {@code monitor.backtest-requests.v1} on {@code monitor.backtest-results.v1}, from
 * one daemon thread with plain clients of its own, outside Kafka Streams: a replay reads days of history, which must
 * never hold up a stream thread. The instances of one processor application share a consumer group, so each request
 * is answered once; a request older than {@link BacktestRequest#STALE_AFTER} is dropped, as its caller gave up.
 */
public final class BacktestWorker implements AutoCloseable {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(BacktestWorker.class);

    private final KafkaConsumer<String, byte[]> requests;
    private final KafkaProducer<String, BacktestResult> results;
    private final Backtest backtest;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    private BacktestWorker(String bootstrapServers, String applicationId, Duration tickInterval, Clock clock) {
        this.requests = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId(applicationId),
                // a request sent before this group first joined is still answered (unless stale)
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // one replay may take a while: fetch one request at a time
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis()),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.results = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"),
                Topics.BACKTEST_RESULTS.keySerde().serializer(), Topics.BACKTEST_RESULTS.valueSerde().serializer());
        this.backtest = new Backtest(new TopicHistory(bootstrapServers), tickInterval);
        this.clock = clock;
        this.thread = new Thread(this::run, applicationId + "-backtest");
        this.thread.setDaemon(true);
    }

    /** The consumer group of the workers of one processor application. */
    public static String groupId(String applicationId) {
        return applicationId + "-backtest";
    }

    /**
     * Starts a worker.
     *
     * @param tickInterval the punctuation interval of the live alert processor, replayed between inputs
     */
    public static BacktestWorker start(String bootstrapServers, String applicationId, Duration tickInterval,
                                       Clock clock) {
        BacktestWorker worker = new BacktestWorker(bootstrapServers, applicationId, tickInterval, clock);
        worker.thread.start();
        return worker;
    }

    private void run() {
        try {
            requests.subscribe(List.of(Topics.BACKTEST_REQUESTS.name()));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : requests.poll(POLL)) {
                    handle(record);
                }
                requests.commitSync();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Backtest worker stopped; backtests will time out until the processor restarts", e);
        } finally {
            requests.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        BacktestResult result;
        try {
            BacktestRequest request = Topics.BACKTEST_REQUESTS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            if (request.requestedAt().isBefore(Instant.now(clock).minus(BacktestRequest.STALE_AFTER))) {
                return;
            }
            long started = clock.millis();
            result = backtest.answer(request);
            log.info("Backtest {} of rule {} over {}..{}: {} episodes from {} in {} ms", request.id(),
                    request.rule().name(), request.from(), request.to(), result.episodes().size(), result.inputs(),
                    clock.millis() - started);
        } catch (InvalidRecordException e) {
            result = BacktestResult.failed(record.key(), "invalid request: " + e.getMessage());
        } catch (RuntimeException e) {
            // a request boundary: one failed replay must not stop the worker
            log.warn("Backtest {} failed", record.key(), e);
            result = BacktestResult.failed(record.key(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        results.send(new ProducerRecord<>(Topics.BACKTEST_RESULTS.name(), record.key(), result));
        results.flush();
    }

    /** Stops the thread after the request in hand, and closes the clients. */
    @Override
    public void close() {
        running = false;
        try {
            requests.wakeup();
        } catch (IllegalStateException e) {
            // the thread already stopped and closed its consumer
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            results.close(Duration.ofSeconds(5));
        }
    }
}
