package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.api.system.Background;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Produces synthetic samples onto {@code monitor.samples.v1}, the collectors' topic, so a simulated failure or a test
 * alert takes the whole real path (processor, status, alert engine, notifications, dashboard). Each sample carries
 * the label {@link #LABEL} naming what injected it.
 */
@Component
class SampleInjector implements SmartLifecycle {

    static final String LABEL = Sample.SYNTHETIC_LABEL;
    static final String HOST = "monitor-api";
    private static final Logger log = LoggerFactory.getLogger(SampleInjector.class);
    private static final int MAX_ACTIVE = 50;

    private final ApiSettings settings;
    private final DebugSettings debug;
    private final Clock clock;
    private final Map<String, Injection> active = new ConcurrentHashMap<>();
    private volatile Producer<byte[], byte[]> producer;
    private volatile Background scheduler;

    SampleInjector(ApiSettings settings, DebugSettings debug, Clock clock) {
        this.settings = settings;
        this.debug = debug;
        this.clock = clock;
    }

    /**
     * Starts producing {@code sample(now)} every inject interval until {@code duration} has passed (at least once).
     *
     * @throws IllegalStateException when too many injections run already
     */
    Injection start(String kind, String service, Duration duration, Function<Instant, Sample> sample) {
        if (active.size() >= MAX_ACTIVE) {
            throw new IllegalStateException("at most " + MAX_ACTIVE + " injections may run at once");
        }
        Instant now = clock.instant();
        Injection injection = new Injection(UUID.randomUUID().toString(), kind, service, now, now.plus(duration),
                debug.injectInterval());
        active.put(injection.id(), injection);
        Future<?>[] handle = new Future<?>[1];
        handle[0] = scheduler.every(Duration.ZERO, debug.injectInterval(), () -> {
            Instant at = clock.instant();
            if (at.isAfter(injection.endsAt()) && at.isAfter(injection.startsAt())) {
                active.remove(injection.id());
                handle[0].cancel(false);
                return;
            }
            try {
                send(sample.apply(at));
            } catch (RuntimeException e) {
                log.warn("Injection {} for {} could not produce a sample: {}", kind, service, e.toString());
            }
        });
        return injection;
    }

    /** Produces one sample and waits for the broker's acknowledgement. */
    RecordMetadata send(Sample sample) {
        try {
            return producer.send(new ProducerRecord<>(Topics.SAMPLES.name(),
                    sample.service().getBytes(StandardCharsets.UTF_8), Json.encode(sample)))
                    .get(settings.dependencyTimeout().multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing to " + Topics.SAMPLES.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("producing to " + Topics.SAMPLES.name() + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    List<Injection> active() {
        return List.copyOf(active.values());
    }

    @Override
    public void start() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "monitor-api-injector",
                // a debug request must not hang on a down broker
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.dependencyTimeout().multipliedBy(5).toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new ByteArraySerializer(), new ByteArraySerializer());
        scheduler = Background.start("sample-injector", 1);
    }

    @Override
    public void stop() {
        Background s = scheduler;
        scheduler = null;
        if (s != null) {
            s.close();
        }
        Producer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(2));
        }
        active.clear();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** One running injection; {@code interval} is how often it produces a sample. */
    record Injection(String id, String kind, String service, Instant startsAt, Instant endsAt, Duration interval) {
    }
}
