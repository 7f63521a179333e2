package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.Names;
import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.fleetsim.FleetSim;
import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * P9 (percentiles): the simulated gateway answers a steady request load; every answered request's service time is
 * observed by its Prometheus histogram (default buckets, scraped by Prometheus) and pushed to our {@code /ingest}
 * (windowed into DDSketches by the processor). p50/p95/p99 of both against the exact order statistics of the same
 * latencies: Prometheus's {@code histogram_quantile} over the whole run, ours a merge of the run's 1 m windows.
 */
final class PrometheusComparison {

    static final String SERVICE = "gateway";
    static final String METRIC = Names.LATENCY_MS;

    private PrometheusComparison() {
    }

    /**
     * @param duration how long the load runs
     * @param rate     requests per second to the gateway (it has 8 workers and a 45 ms median: about 150/s max)
     * @param scrapeS  Prometheus scrape interval in seconds
     */
    static Results run(Duration duration, int rate, int scrapeS) throws Exception {
        try (Broker broker = Broker.connect(); FleetSim fleet = FleetSim.start(0)) {
            broker.freshTopics();
            ConcurrentLinkedQueue<Long> exact = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Sample> toPush = new ConcurrentLinkedQueue<>();
            fleet.onRequest((service, latencyMs, status) -> {
                if (SERVICE.equals(service)) {
                    exact.add(latencyMs);
                    toPush.add(new Sample(Sample.VERSION, SampleKind.REQUEST, "bench-host", service, Instant.now(),
                            status < 500, (double) latencyMs, status, null, Map.of(), Map.of()));
                }
            });
            ProcessorSettings settings = ProcessorSettings.defaults(broker.bootstrap())
                    .withApplication("bench-p9-" + UUID.randomUUID(), Files.createTempDirectory("bench-p9"))
                    .withWindowGrace(Duration.ofSeconds(1));
            ConfigurableApplicationContext collector = Apps.collector(broker.bootstrap());
            try (MonitorProcessor processor = MonitorProcessor.start(settings);
                 PrometheusStack prometheus = PrometheusStack.start("127.0.0.1:" + fleet.port(SERVICE),
                         Duration.ofSeconds(scrapeS), null, null, Duration.ZERO)) {
                URI ingest = URI.create("http://localhost:" + Apps.port(collector) + "/ingest");
                drive(fleet.baseUrl(SERVICE) + "/health", duration, rate, toPush, ingest);
                double[] sorted = exact.stream().mapToDouble(Long::doubleValue).sorted().toArray();
                double[] theirs = prometheusQuantiles(prometheus, sorted.length, Duration.ofSeconds(scrapeS * 3L + 30));
                double[] ours = ourQuantiles(broker.bootstrap(), sorted.length, Duration.ofSeconds(120));
                return report(sorted, theirs, ours, duration, rate, scrapeS);
            } finally {
                collector.close();
            }
        }
    }

    private static Results report(double[] sorted, double[] theirs, double[] ours, Duration duration, int rate,
                                  int scrapeS) {
        Map<String, Object> exactValues = new LinkedHashMap<>();
        Map<String, Object> prometheusValues = new LinkedHashMap<>();
        Map<String, Object> ourValues = new LinkedHashMap<>();
        Map<String, Object> prometheusError = new LinkedHashMap<>();
        Map<String, Object> ourError = new LinkedHashMap<>();
        double worstOurs = 0;
        double worstTheirs = 0;
        for (int q = 0; q < PercentileAccuracy.QUANTILES.length; q++) {
            String name = "p" + Math.round(PercentileAccuracy.QUANTILES[q] * 100);
            double truth = sorted[(int) Math.floor(PercentileAccuracy.QUANTILES[q] * (sorted.length - 1))];
            double theirError = PercentileAccuracy.relative(theirs[q], truth) * 100;
            double ourErrorPct = PercentileAccuracy.relative(ours[q], truth) * 100;
            exactValues.put(name, truth);
            prometheusValues.put(name, round(theirs[q]));
            ourValues.put(name, round(ours[q]));
            prometheusError.put(name, round(theirError));
            ourError.put(name, round(ourErrorPct));
            if (q > 0) {
                worstOurs = Math.max(worstOurs, ourErrorPct);
                worstTheirs = Math.max(worstTheirs, theirError);
            }
        }
        return Results.of("p9-prometheus-percentiles")
                .put("requests", sorted.length)
                .put("duration_s", duration.toSeconds())
                .put("rate_per_s", rate)
                .put("scrape_interval_s", scrapeS)
                .put("ours_p95_p99_max_error_pct", worstOurs)
                .put("prometheus_p95_p99_max_error_pct", worstTheirs)
                .put("exact_ms", exactValues)
                .put("ours_ms", ourValues)
                .put("prometheus_ms", prometheusValues)
                .put("ours_error_pct", ourError)
                .put("prometheus_error_pct", prometheusError);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Sends GETs at {@code rate} for {@code duration}, pushing answered latencies to /ingest twice a second. */
    private static void drive(String url, Duration duration, int rate, ConcurrentLinkedQueue<Sample> toPush,
                              URI ingest) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<HttpResponse<Void>>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        long lastPush = start;
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            for (; sent < due; sent++) {
                inFlight.add(http.sendAsync(get, HttpResponse.BodyHandlers.discarding()));
            }
            if (System.nanoTime() - lastPush > TimeUnit.MILLISECONDS.toNanos(500)) {
                push(http, ingest, toPush);
                lastPush = System.nanoTime();
            }
            Thread.sleep(5);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        push(http, ingest, toPush);
    }

    private static void push(HttpClient http, URI ingest, ConcurrentLinkedQueue<Sample> toPush) throws Exception {
        List<Sample> batch = new ArrayList<>();
        for (Sample sample = toPush.poll(); sample != null; sample = toPush.poll()) {
            batch.add(sample);
            if (batch.size() == 500) {
                send(http, ingest, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            send(http, ingest, batch);
        }
    }

    private static void send(HttpClient http, URI ingest, List<Sample> batch) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingest)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.encode(batch))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("/ingest answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Waits until Prometheus has scraped every request, then asks histogram_quantile for each quantile. */
    private static double[] prometheusQuantiles(PrometheusStack prometheus, long count, Duration timeout)
            throws Exception {
        String selector = "http_request_duration_seconds_bucket{service=\"" + SERVICE + "\"}";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (prometheus.query("sum(http_request_duration_seconds_count{service=\"" + SERVICE + "\"})")
                .orElse(-1) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus did not scrape all " + count + " requests in " + timeout);
            }
            Thread.sleep(500);
        }
        double[] values = new double[PercentileAccuracy.QUANTILES.length];
        for (int q = 0; q < values.length; q++) {
            values[q] = 1000 * prometheus.query("histogram_quantile(" + PercentileAccuracy.QUANTILES[q]
                    + ", sum by (le) (" + selector + "))").orElseThrow();
        }
        return values;
    }

    /** Merges the run's closed 1 m windows of the gateway's latency until they hold every request. */
    private static double[] ourQuantiles(String bootstrap, long count, Duration timeout) {
        String key = MetricWindow.key(SERVICE, METRIC, "1m");
        DDSketch merged = SketchCodec.newSketch();
        long seen = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, MetricWindow> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-p9-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.METRICS.keySerde().deserializer(), Topics.METRICS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.METRICS.name()));
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("windows held " + seen + " of " + count + " requests in "
                            + timeout);
                }
                for (ConsumerRecord<String, MetricWindow> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        SketchCodec.mergeInto(merged, SketchCodec.fromBase64(record.value().sketch()));
                        seen += record.value().count();
                    }
                }
            }
        }
        double[] values = new double[PercentileAccuracy.QUANTILES.length];
        for (int q = 0; q < values.length; q++) {
            values[q] = merged.getValueAtQuantile(PercentileAccuracy.QUANTILES[q]);
        }
        return values;
    }
}
