package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * P4: services go down one after another and the default {@code service_down} rule ({@code for: 30s}) fires; the
 * delay runs from the moment {@code for} has elapsed (the first down sample's time + 30 s) to the {@code alert} frame
 * with state {@code firing} for that service on {@code /ws/monitor}. Built on {@link LiveLatency}'s system and
 * client; while the clients wait, every faulted service keeps reporting down every {@link #PROBE_INTERVAL}, as a
 * collector probing it would.
 */
final class AlertLatency {

    /** The {@code for} of the default {@code service_down} rule. */
    static final Duration FOR = Duration.ofSeconds(30);
    static final String RULE = "service_down";
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private AlertLatency() {
    }

    /**
     * @param faults  distinct services taken down, {@code spacing} apart
     * @param timeout bound on the whole wait for the alerts
     */
    static Results run(int faults, Duration spacing, Duration timeout) throws Exception {
        return LiveLatency.run("p4-alert-delay-after-for", new ServiceDown(), faults, spacing, 1, 0, timeout)
                .put("rule", RULE)
                .put("for_s", FOR.toSeconds())
                .put("probe_interval_s", PROBE_INTERVAL.toSeconds())
                .put("target_p99_ms", 2000.0);
    }

    /** Up samples for every service, then down samples one service after another, repeated until closed. */
    private static final class ServiceDown implements LiveLatency.Scenario {

        @Override
        public String type() {
            return "alert";
        }

        @Override
        public boolean arrived(JsonNode frame, String service) {
            JsonNode alert = frame.path("alert");
            return service.equals(alert.path("service").asString(null)) && RULE.equals(alert.path("rule")
                    .asString(null)) && "firing".equals(alert.path("state").asString(null));
        }

        @Override
        public AutoCloseable produce(String bootstrap, List<String> ids, Duration spacing, Map<String, Long> due)
                throws Exception {
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new ByteArraySerializer());
            for (String id : ids) {
                send(producer, id, Instant.now(), true);
            }
            Thread.sleep(PROBE_INTERVAL.toMillis());
            for (String id : ids) {
                long nanos = System.nanoTime();
                send(producer, id, Instant.now(), false);
                due.put(id, nanos + FOR.toNanos());
                Thread.sleep(spacing.toMillis());
            }
            ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
            prober.scheduleAtFixedRate(() -> ids.forEach(id -> send(producer, id, Instant.now(), false)), 0,
                    PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            return () -> {
                prober.shutdownNow();
                prober.awaitTermination(5, TimeUnit.SECONDS);
                producer.close(Duration.ofSeconds(5));
            };
        }

        private static void send(KafkaProducer<String, byte[]> producer, String id, Instant ts, boolean up) {
            Sample sample = Sample.probe("bench-host", id, ts, up, up ? 12.0 : null, up ? 200 : null,
                    up ? null : "connection refused");
            try {
                producer.send(new ProducerRecord<>(Topics.SAMPLES.name(), null, ts.toEpochMilli(), id,
                        Json.encode(sample))).get();
            } catch (Exception e) {
                throw new IllegalStateException("could not produce the sample of " + id, e);
            }
        }
    }
}
