package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A seeded stream of probe samples for {@code services} services named {@code <run>-svc-<i>}, stamped with the wall
 * clock, written to {@code monitor.samples.v1} by an idempotent {@code acks=all} producer. Every sample the broker
 * acknowledges goes into the {@link GroundTruth}; a send that fails is counted apart and left out of it.
 *
 * <p>With a {@link Delay} a seeded share of the samples is held back for a seeded 0 to {@code max} and sent later
 * with its original event time (late and out-of-order samples, QUALITY R3); the ground truth counts them.
 */
public final class LoadGenerator implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String runId;
    private final int services;
    private final Random random;
    private final Clock clock;
    private final GroundTruth truth = new GroundTruth();
    private final AtomicLong failedSends = new AtomicLong();
    private final Delay delay;
    private final PriorityQueue<Held> held = new PriorityQueue<>(Comparator.comparingLong(Held::dueMs)
            .thenComparingLong(Held::order));
    private long sent;
    private long holds;

    /**
     * Holding back a share of the samples.
     *
     * @param fraction share of the samples held back, 0-1
     * @param max      the longest hold; each held sample waits a seeded 0 to {@code max} (whole milliseconds)
     */
    public record Delay(double fraction, Duration max) {
        public Delay {
            if (fraction < 0 || fraction > 1 || max.isNegative()) {
                throw new IllegalArgumentException("need fraction 0-1 and max >= 0, was " + fraction + ", " + max);
            }
        }
    }

    private record Held(long dueMs, long order, Sample sample) {
    }

    public LoadGenerator(String bootstrapServers, String runId, int services, long seed, Clock clock) {
        this(bootstrapServers, runId, services, seed, clock, null);
    }

    /** @param delay which samples to hold back, or null to send every sample at once */
    public LoadGenerator(String bootstrapServers, String runId, int services, long seed, Clock clock, Delay delay) {
        // acks=all and idempotence; -Dchaos.load-acks=0 is R2's negative control: a producer that does not wait
        // for the broker, so records in flight when it dies are lost although counted as sent
        boolean unacknowledged = "0".equals(System.getProperty("chaos.load-acks", "all"));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, unacknowledged ? "0" : "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, !unacknowledged,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // ride out a broker restart instead of failing sends (QUALITY R2)
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer());
        this.runId = runId;
        this.services = services;
        this.random = new Random(seed);
        this.clock = clock;
        this.delay = delay;
    }

    public static String service(String runId, int index) {
        return runId + "-svc-" + index;
    }

    /**
     * Sends about {@code perSecond} samples a second for {@code duration}, calling {@code between} after every
     * second's batch (fault injection hooks in there); stops early when it returns false. Samples held back are
     * sent when due, also after {@code duration}: the call returns when all are sent.
     */
    public void run(Duration duration, int perSecond, BooleanSupplier between) throws InterruptedException {
        Instant end = clock.instant().plus(duration);
        while (clock.instant().isBefore(end)) {
            long batchStart = clock.millis();
            for (int i = 0; i < perSecond; i++) {
                sendOrHold(next());
            }
            sendDue();
            producer.flush();
            if (!between.getAsBoolean()) {
                return;
            }
            long rest = 1000 - (clock.millis() - batchStart);
            if (rest > 0) {
                Thread.sleep(rest);
            }
        }
        while (!held.isEmpty()) {
            long wait = held.peek().dueMs() - clock.millis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            sendDue();
            producer.flush();
        }
    }

    private void sendOrHold(Sample sample) {
        if (delay != null && random.nextDouble() < delay.fraction()) {
            long holdMs = random.nextLong(delay.max().toMillis() + 1);
            held.add(new Held(clock.millis() + holdMs, holds++, sample));
            truth.delay();
        } else {
            send(sample);
        }
    }

    private void sendDue() {
        while (!held.isEmpty() && held.peek().dueMs() <= clock.millis()) {
            send(held.poll().sample());
        }
    }

    /** The next seeded sample: whole-millisecond latency, one in twenty failing with a 500. */
    Sample next() {
        String service = service(runId, random.nextInt(services));
        boolean up = random.nextInt(20) != 0;
        double latency = 1 + random.nextInt(5000);
        return Sample.probe("chaos-load", service, clock.instant(), up, latency, up ? 200 : 500,
                up ? null : "injected");
    }

    private void send(Sample sample) {
        sent++;
        producer.send(new ProducerRecord<>(Topics.SAMPLES.name(), sample.service(), Json.encode(sample)),
                (metadata, error) -> {
                    if (error == null) {
                        truth.add(sample);
                    } else {
                        failedSends.incrementAndGet();
                    }
                });
    }

    public GroundTruth truth() {
        return truth;
    }

    public long sent() {
        return sent;
    }

    public long failedSends() {
        return failedSends.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
