package io.lifestrands.monitor.api.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Kafka consumer loop on its own thread: poll, hand the batch to the handler, then commit. When the handler (or
 * the commit) fails, the consumer seeks back to the batch's first offsets, i.e. the last committed position, waits a
 * bounded exponential back-off and tries again; so a down database pauses consumption and loses nothing.
 */
public final class TopicConsumer implements SmartLifecycle {

    /** Processes one polled batch; throwing means "not done, retry the whole batch". */
    public interface BatchHandler {
        void handle(ConsumerRecords<byte[], byte[]> records) throws Exception;
    }

    /** Subscribes or assigns and positions the consumer; retried with back-off when it throws. */
    public interface Attachment {
        void attach(Consumer<byte[], byte[]> consumer);
    }

    private static final Logger log = LoggerFactory.getLogger(TopicConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Supplier<Consumer<byte[], byte[]>> factory;
    private final Attachment attachment;
    private final boolean commit;
    private final BatchHandler handler;
    private final Backoff backoff;
    private final PipelineStats stats;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Thread thread;

    /**
     * @param commit whether to {@code commitSync} after each handled batch (needs a group id)
     */
    public TopicConsumer(String name, Supplier<Consumer<byte[], byte[]>> factory, Attachment attachment, boolean commit,
                  BatchHandler handler, Backoff backoff, PipelineStats stats) {
        this.name = name;
        this.factory = factory;
        this.attachment = attachment;
        this.commit = commit;
        this.handler = handler;
        this.backoff = backoff;
        this.stats = stats;
    }

    @Override
    public void start() {
        Thread t = new Thread(this::run, "consumer-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        stopping.countDown();
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private boolean running() {
        return stopping.getCount() > 0;
    }

    private void run() {
        Consumer<byte[], byte[]> c = factory.get();
        consumer = c;
        try {
            loop(c);
        } catch (RuntimeException e) {
            log.error("Consumer {} stopped unexpectedly", name, e);
        } finally {
            // bounded: a broker that is gone must not hold up the application's shutdown
            c.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void loop(Consumer<byte[], byte[]> c) {
        boolean attached = false;
        int failures = 0;
        while (running()) {
            ConsumerRecords<byte[], byte[]> batch = null;
            try {
                if (!attached) {
                    attachment.attach(c);
                    attached = true;
                }
                batch = c.poll(POLL_TIMEOUT);
                if (!batch.isEmpty()) {
                    handler.handle(batch);
                    if (commit) {
                        c.commitSync();
                    }
                }
                if (failures > 0) {
                    log.info("Consumer {} recovered after {} failed attempts", name, failures);
                    failures = 0;
                    stats.batchSucceeded(name);
                }
            } catch (WakeupException e) {
                if (running()) {
                    log.debug("Consumer {} woken up while running", name);
                }
            } catch (Exception e) {
                failures++;
                stats.batchFailed(name, failures);
                Duration delay = backoff.delay(failures);
                // the stack trace only for the first failure of a streak; the rest repeat it
                log.warn("Consumer {} failed ({} in a row); retrying from the last committed offsets in {}: {}",
                        name, failures, delay, e.toString(), failures == 1 ? e : null);
                if (batch != null) {
                    rewind(c, batch);
                }
                pause(delay);
            }
        }
    }

    /** Puts every partition of a failed batch back to the batch's first offset, which is the committed one. */
    private void rewind(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> batch) {
        for (TopicPartition partition : batch.partitions()) {
            if (c.assignment().contains(partition)) {
                c.seek(partition, batch.records(partition).get(0).offset());
            }
        }
    }

    private void pause(Duration delay) {
        try {
            stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
