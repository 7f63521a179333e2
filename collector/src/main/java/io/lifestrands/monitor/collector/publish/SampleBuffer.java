package io.lifestrands.monitor.collector.publish;

import io.lifestrands.monitor.schema.Sample;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probe samples on their way to Kafka, kept until Kafka acknowledges them. One sender thread publishes them in
 * order; a sample Kafka did not take (broker down longer than the producer's delivery timeout) goes back to the front
 * and is sent again after a pause, so an outage only delays samples. At most {@code capacity} samples wait (queued
 * plus in flight); beyond that the oldest queued sample is dropped, counted in {@code collector.samples.dropped}, and
 * the exact number dropped during an outage is logged when publishing works again. Offering never blocks.
 */
public final class SampleBuffer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SampleBuffer.class);
    private static final int MAX_BATCH = 500;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration ACK_WAIT = SamplePublisher.DELIVERY_TIMEOUT.plusSeconds(15);

    private final SamplePublisher publisher;
    private final int capacity;
    private final Deque<Sample> queue = new ArrayDeque<>();
    private final Counter droppedCounter;
    private final Thread sender;
    private int inFlight;
    private long dropped;
    private long droppedThisEpisode;
    private long delivered;
    private boolean closed;

    /**
     * @param capacity how many samples may wait at most, queued and in flight together
     * @param meters   where {@code collector.samples.dropped} and {@code collector.buffer.size} are recorded
     */
    public SampleBuffer(SamplePublisher publisher, int capacity, MeterRegistry meters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.publisher = publisher;
        this.capacity = capacity;
        this.droppedCounter = Counter.builder("collector.samples.dropped")
                .description("probe samples dropped because the buffer was full while Kafka was unreachable")
                .register(meters);
        Gauge.builder("collector.buffer.size", this, SampleBuffer::size)
                .description("probe samples waiting for Kafka").register(meters);
        this.sender = new Thread(this::sendLoop, "sample-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues a sample; when the buffer is full the oldest queued sample is dropped (or this one, if none is). */
    public synchronized void offer(Sample sample) {
        if (closed) {
            drop(1);
            return;
        }
        if (queue.size() + inFlight >= capacity) {
            if (queue.isEmpty()) {
                drop(1);
                return;
            }
            queue.pollFirst();
            drop(1);
        }
        queue.addLast(sample);
        notifyAll();
    }

    /** Samples waiting, queued and in flight. */
    public synchronized int size() {
        return queue.size() + inFlight;
    }

    /** Samples dropped since start because the buffer was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Samples Kafka acknowledged since start. */
    public synchronized long delivered() {
        return delivered;
    }

    private void drop(int count) {
        if (droppedThisEpisode == 0) {
            log.warn("Sample buffer full ({} samples): dropping the oldest until Kafka accepts samples again",
                    capacity);
        }
        dropped += count;
        droppedThisEpisode += count;
        droppedCounter.increment(count);
    }

    private void sendLoop() {
        while (true) {
            List<Sample> batch = take();
            if (batch.isEmpty()) {
                return;
            }
            List<Sample> failed = send(batch);
            settle(batch.size(), failed);
            if (!failed.isEmpty() && !pause()) {
                return;
            }
        }
    }

    private synchronized List<Sample> take() {
        while (queue.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        List<Sample> batch = new ArrayList<>();
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.pollFirst());
        }
        inFlight = batch.size();
        return batch;
    }

    /** Sends a batch and waits for every acknowledgement; returns the samples Kafka did not take, in order. */
    private List<Sample> send(List<Sample> batch) {
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        for (Sample sample : batch) {
            CompletableFuture<RecordMetadata> send = publisher.publish(sample);
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                // refused at once (no metadata after max.block.ms): the rest would each block as long again
                break;
            }
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CompletionException e) {
            // some failed; each future says which
        }
        List<Sample> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<RecordMetadata> send = i < sends.size() ? sends.get(i) : null;
            if (send == null || !send.isDone() || send.isCompletedExceptionally()) {
                failed.add(batch.get(i));
            }
        }
        return failed;
    }

    private synchronized void settle(int sent, List<Sample> failed) {
        inFlight = 0;
        delivered += sent - failed.size();
        notifyAll();
        if (closed) {
            // close() has counted whatever was still in flight as dropped
            return;
        }
        for (int i = failed.size() - 1; i >= 0; i--) {
            queue.addFirst(failed.get(i));
        }
        while (queue.size() > capacity) {
            queue.pollFirst();
            drop(1);
        }
        if (failed.size() < sent && droppedThisEpisode > 0) {
            log.warn("Kafka accepts samples again; dropped exactly {} samples while it did not ({} since start)",
                    droppedThisEpisode, dropped);
            droppedThisEpisode = 0;
        }
    }

    /** Waits before a retry; false when closed meanwhile. */
    private synchronized boolean pause() {
        long until = System.nanoTime() + RETRY_PAUSE.toNanos();
        while (!closed) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Gives the sender up to {@code grace} to deliver what waits, then stops it; what is still waiting is counted as
     * dropped and logged.
     */
    public void close(Duration grace) {
        long until = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            while (size() > 0 && System.nanoTime() < until) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(until - System.nanoTime(), 100_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            closed = true;
            notifyAll();
        }
        try {
            sender.join(grace.toMillis() + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            int left = queue.size() + inFlight;
            if (left > 0) {
                queue.clear();
                inFlight = 0;
                dropped += left;
                droppedCounter.increment(left);
                log.warn("Stopped with {} samples not delivered to Kafka; dropped them ({} since start)", left,
                        dropped);
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
