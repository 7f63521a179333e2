package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.TopicSpec;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Q2 (SLO burn-rate page): per run a fresh topic catalog and processor on the broker, a 99.9 % availability SLO
 * whose service sends a clean hour of traffic at {@code rate} requests a second (as OpenTelemetry histograms every
 * 10 s) and then fails every request (reported each second), beside a 99 % SLO burning a steady {@code steady_burn}
 * of its budget for two hours. The history is sent at once, in timestamp order, ending two minutes ago, so the page's
 * time is its event time. Theory: the 1 h error ratio reaches 14.4 x 0.1 % at 51.84 s (the 5 m one at 4.32 s).
 * Reports, per run, when the page's episode began after the errors began, its distance from the theory, and every
 * alert of the steady service (none expected).
 */
final class SloBurnDelay {

    static final Duration THEORETICAL_PAGE = Duration.ofMillis(51_840);

    private SloBurnDelay() {
    }

    static Results run(List<Integer> rates, double steadyBurn) throws Exception {
        if (steadyBurn <= 0 || steadyBurn >= 1) {
            throw new IllegalArgumentException("steady_burn must be above 0 and below 1, was " + steadyBurn);
        }
        List<Double> pagedAfter = new ArrayList<>();
        List<Double> offsets = new ArrayList<>();
        List<Double> steadyBurn1h = new ArrayList<>();
        int steadyAlerts = 0;
        for (int rate : rates) {
            Run run = once(rate, steadyBurn);
            pagedAfter.add(run.pagedAfterS);
            offsets.add(run.pagedAfterS - THEORETICAL_PAGE.toMillis() / 1000.0);
            steadyBurn1h.add(run.steadyBurn1h);
            steadyAlerts += run.steadyAlerts;
            System.out.printf("q2: %d requests/s: paged %.3f s after the errors began (theory %.2f s); "
                    + "steady service: burn 1h %.3f, %d alerts%n", rate, run.pagedAfterS,
                    THEORETICAL_PAGE.toMillis() / 1000.0, run.steadyBurn1h, run.steadyAlerts);
        }
        double worst = offsets.stream().mapToDouble(Math::abs).max().orElseThrow();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("objective", 0.999);
        settings.put("rates_per_s", rates);
        settings.put("steady_burn", steadyBurn);
        return Results.of("q2-slo-burn-page")
                .put("runs", rates.size())
                .put("theoretical_page_s", THEORETICAL_PAGE.toMillis() / 1000.0)
                .put("paged_after_s", pagedAfter)
                .put("offset_from_theory_s", offsets)
                .put("worst_offset_s", worst)
                .put("steady_burn_1h", steadyBurn1h)
                .put("steady_service_alerts", steadyAlerts)
                .put("settings", settings);
    }

    private record Run(double pagedAfterS, double steadyBurn1h, int steadyAlerts) {
    }

    private static Run once(int rate, double steadyBurn) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String failing = "q2-failing-" + id;
        String steady = "q2-steady-" + id;
        try (Broker broker = Broker.connect()) {
            broker.freshTopics();
            ProcessorSettings settings = ProcessorSettings.defaults(broker.bootstrap())
                    .withApplication("bench-q2-" + id, Files.createTempDirectory("bench-q2"));
            Instant t0 = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
            try (MonitorProcessor processor = MonitorProcessor.start(settings);
                 KafkaConsumer<String, AlertEvent> alerts = consumer(broker.bootstrap(), Topics.ALERTS, id);
                 KafkaConsumer<String, SloStatus> statuses = consumer(broker.bootstrap(), Topics.SLO_STATUS, id);
                 KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrap())) {
                until(Duration.ofSeconds(90), "the processor is not running",
                        () -> processor.state() == KafkaStreams.State.RUNNING);
                define(producer, new Slo(null, failing, failing, Slo.Kind.AVAILABILITY, 0.999, Duration.ofDays(30),
                        null, null, null));
                define(producer, new Slo(null, steady, steady, Slo.Kind.AVAILABILITY, 0.99, Duration.ofDays(30),
                        null, null, null));
                Map<String, SloStatus> latest = new HashMap<>();
                // the SLOs reach the global store asynchronously: an early request says when both have
                Instant warmUp = t0.minus(Duration.ofHours(3));
                until(Duration.ofSeconds(90), "no SLO status for the defined SLOs", () -> {
                    send(producer, traffic(failing, warmUp, 1, true));
                    send(producer, traffic(steady, warmUp, 1, true));
                    statuses.poll(Duration.ofMillis(500)).forEach(r -> latest.put(r.key(), r.value()));
                    return latest.containsKey(failing) && latest.containsKey(steady);
                });

                for (int second = -3600; second < 0; second += 10) {
                    send(producer, traffic(failing, t0.plusSeconds(second), 10L * rate, true));
                }
                for (int second = 0; second < 90; second++) {
                    send(producer, traffic(failing, t0.plusSeconds(second), rate, false));
                }
                // 100 requests every 20 s; of each 1,000 requests, steadyBurn x 1 % fail, spread evenly
                long failuresPer1000 = Math.round(steadyBurn * 10);
                for (int second = -7200; second < 90; second += 20) {
                    long block = Math.floorMod(second / 20, 10);
                    long failed = block < failuresPer1000 ? 1 : 0;
                    send(producer, traffic(steady, t0.plusSeconds(second), 100 - failed, true));
                    if (failed > 0) {
                        send(producer, traffic(steady, t0.plusSeconds(second), failed, false));
                    }
                }
                producer.flush();

                List<AlertEvent> seen = new ArrayList<>();
                until(Duration.ofSeconds(120), "no slo_fast_burn page for " + failing, () -> {
                    alerts.poll(Duration.ofMillis(500)).forEach(r -> {
                        if (r.value().service().equals(failing) || r.value().service().equals(steady)) {
                            seen.add(r.value());
                        }
                    });
                    statuses.poll(Duration.ofMillis(100)).forEach(r -> latest.put(r.key(), r.value()));
                    boolean paged = seen.stream().anyMatch(e -> e.service().equals(failing)
                            && e.rule().equals("slo_fast_burn") && e.state() == AlertState.FIRING);
                    SloStatus steadyStatus = latest.get(steady);
                    return paged && steadyStatus != null && !steadyStatus.asOf().isBefore(t0.plusSeconds(80));
                });
                AlertEvent page = seen.stream().filter(e -> e.service().equals(failing)
                        && e.rule().equals("slo_fast_burn") && e.state() == AlertState.FIRING).findFirst()
                        .orElseThrow();
                int steadyAlerts = (int) seen.stream().filter(e -> e.service().equals(steady)).count();
                Double burn1h = latest.get(steady).burn1h();
                return new Run(Duration.between(t0, page.startsAt()).toMillis() / 1000.0,
                        burn1h == null ? Double.NaN : burn1h, steadyAlerts);
            }
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void until(Duration timeout, String failure, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure + " within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static void define(KafkaProducer<byte[], byte[]> producer, Slo slo) throws Exception {
        producer.send(new ProducerRecord<>(Topics.SLOS.name(), bytes(slo.id()), Json.encode(slo))).get();
    }

    /** {@code count} requests of 20 ms as one histogram, as OpenTelemetry reports them; all failed when not ok. */
    private static Sample traffic(String service, Instant ts, long count, boolean ok) {
        Histogram histogram = new Histogram(Names.LATENCY_MS, "ms", null, null, List.of(count), List.of(), null,
                count, 20.0 * count, 20.0, 20.0);
        return new Sample(Sample.VERSION, SampleKind.REQUEST, "bench", service, ts, ok, null, ok ? 200 : 500, null,
                Map.of(), Map.of(), null, histogram);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, Sample sample) {
        producer.send(new ProducerRecord<>(Topics.SAMPLES.name(), bytes(sample.service()), Json.encode(sample)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static <K, V> KafkaConsumer<K, V> consumer(String bootstrap, TopicSpec<K, V> topic, String id) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-q2-" + topic.name() + "-" + id,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }
}
