package io.lifestrands.monitor.processor;

import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends this instance's {@link ProcessorHeartbeat} to {@code monitor.processor-health.v1} at every status change of
 * the supervised client and every interval in between, from one daemon thread with its own idempotent producer: a
 * slow or unreachable broker delays heartbeats, never a Streams thread, and a failed send is logged once per outage.
 */
final class HeartbeatPublisher implements AutoCloseable {

    /** How long a send may wait for metadata, and {@link #close()} for the last heartbeats. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    /** Longest {@code reason}: the outermost exception and the root cause, not a stack trace. */
    static final int MAX_REASON = 1000;

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final String instance;
    private final String applicationId;
    private final Producer<String, ProcessorHeartbeat> producer;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor sender;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile String clusterId;
    private volatile StreamsSupervisor.Status latest;

    HeartbeatPublisher(String instance, String applicationId, String clusterId,
                       Producer<String, ProcessorHeartbeat> producer, Clock clock) {
        this.instance = instance;
        this.applicationId = applicationId;
        this.clusterId = clusterId;
        this.producer = producer;
        this.clock = clock;
        this.sender = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, applicationId + "-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A publisher with a producer of its own to {@code bootstrapServers}. */
    static HeartbeatPublisher create(String bootstrapServers, String instance, String applicationId,
                                     String clusterId, Clock clock) {
        return new HeartbeatPublisher(instance, applicationId, clusterId, new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, instance + "-heartbeat",
                // a retried send must never land after a newer heartbeat and undo it (RUNNING after ERROR)
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                // send() waits this long for metadata, on the heartbeat thread only
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                // a heartbeat older than three intervals says nothing any more: give up on it then
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ProcessorHeartbeat.INTERVAL.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ProcessorHeartbeat.INTERVAL.multipliedBy(3)
                        .toMillis()),
                Topics.PROCESSOR_HEALTH.keySerde().serializer(), Topics.PROCESSOR_HEALTH.valueSerde().serializer()),
                clock);
    }

    /** Sends the latest status again every {@code interval}, starting one interval from now. */
    void start(Duration interval) {
        sender.scheduleWithFixedDelay(this::repeat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new status of the supervised client: sent at once, on the heartbeat thread. Never blocks. */
    void changed(StreamsSupervisor.Status status) {
        latest = status;
        try {
            sender.execute(() -> send(status));
        } catch (RejectedExecutionException closed) {
            // closed: no more heartbeats
        }
    }

    /** The Kafka cluster the instance now runs against, for the next heartbeats. */
    void clusterId(String id) {
        clusterId = id;
    }

    /** The heartbeat that reports {@code status} at {@code now}. */
    ProcessorHeartbeat heartbeat(StreamsSupervisor.Status status, Instant now) {
        return new ProcessorHeartbeat(ProcessorHeartbeat.VERSION, instance, applicationId, status.state().name(),
                status.since(), now, status.restarts(), reason(status.lastFailure()), clusterId);
    }

    /**
     * {@code "<Type>: <message>"} of the outermost exception and, when it differs, {@code "; caused by <Type>:
     * <message>"} of the root cause, at most {@link #MAX_REASON} characters; null for no exception.
     */
    static String reason(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        String text = describe(failure) + (root == failure ? "" : "; caused by " + describe(root));
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' '));
    }

    private void repeat() {
        StreamsSupervisor.Status status = latest;
        if (status != null) {
            send(status);
        }
    }

    private void send(StreamsSupervisor.Status status) {
        try {
            producer.send(new ProducerRecord<>(Topics.PROCESSOR_HEALTH.name(), instance,
                    heartbeat(status, clock.instant())), this::delivered);
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: any failure is one more failed send
            delivered(null, e);
        }
    }

    private void delivered(RecordMetadata metadata, Exception failure) {
        if (failure == null) {
            if (failing.compareAndSet(true, false)) {
                log.info("Heartbeats of processor instance {} reach {} again", instance,
                        Topics.PROCESSOR_HEALTH.name());
            }
        } else if (failing.compareAndSet(false, true)) {
            log.warn("Heartbeats of processor instance {} fail to reach {}; logged once until one succeeds",
                    instance, Topics.PROCESSOR_HEALTH.name(), failure);
        } else {
            log.debug("Heartbeat of processor instance {} failed again: {}", instance, failure.toString());
        }
    }

    /** Stops the repeats, sends what is queued (the final status included) and closes the producer, bounded. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(SEND_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(SEND_TIMEOUT);
    }
}
