package io.lifestrands.monitor.bench;

import com.datadoghq.sketch.ddsketch.DDSketch;
import io.lifestrands.monitor.api.ApiApplication;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.EmbeddedPostgresServer;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * P7: REST latency of the api (embedded Kafka, PostgreSQL and Redis) at about 200 requests per second from
 * {@code wrk}, paced by a Lua {@code delay()} because Debian's wrk has no rate option. The api first consumes one
 * minute of windows for the fleet, so {@code /metrics} answers with real content.
 */
final class RestLatency {

    /** Paths measured; {@code /dashboard/data} is measured only when the api answers it with 200. */
    static final List<String> PATHS = List.of("/metrics", "/dashboard/data");
    static final String[] METRICS = {"latency_ms", "vram_used_pct", "tokens_per_second", "queue_depth",
            "cpu_pct", "active_requests"};

    private RestLatency() {
    }

    static boolean wrkInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/wrk")) || Files.isExecutable(Path.of("/usr/local/bin/wrk"));
    }

    static Results run(Duration duration, int rate, int connections) throws Exception {
        if (!wrkInstalled()) {
            throw new IllegalStateException("wrk is not installed: apt-get install -y wrk");
        }
        try (Broker broker = Broker.connect()) {
            broker.freshTopics();
            EmbeddedPostgresServer postgres = TestServers.postgres();
            String database = postgres.createDatabase("bench_" + UUID.randomUUID().toString().replace("-", ""));
            ConfigurableApplicationContext api = ApiApplication.start(Map.of(
                    "server.port", 0,
                    "monitor.api.bootstrap-servers", broker.bootstrap(),
                    "monitor.api.database-url", postgres.databaseUrl(database),
                    "monitor.api.redis-url", TestServers.redis().url()));
            try {
                String base = "http://localhost:" + Apps.port(api);
                publishWindows(broker.bootstrap());
                awaitServices(base + "/metrics", Duration.ofSeconds(60));
                Results results = Results.of("p7-rest-latency")
                        .put("target_rate_per_s", rate)
                        .put("connections", connections)
                        .put("duration_s", duration.toSeconds())
                        .put("target_p99_ms", 20.0);
                Map<String, Object> byPath = new LinkedHashMap<>();
                double worstP99 = 0;
                for (String path : PATHS) {
                    if (status(base + path) != 200) {
                        byPath.put(path, "not served by this api build (status " + status(base + path) + ")");
                        continue;
                    }
                    // unreported warm-up: the first seconds measure the JIT, not the steady state
                    wrk(base + path, Duration.ofSeconds(Math.min(10, duration.toSeconds())), rate, connections);
                    JsonNode wrk = wrk(base + path, duration, rate, connections);
                    Map<String, Object> figures = new LinkedHashMap<>();
                    double seconds = wrk.get("duration_us").asLong() / 1e6;
                    figures.put("requests", wrk.get("requests").asLong());
                    figures.put("rate_per_s", Math.round(wrk.get("requests").asLong() / seconds * 10) / 10.0);
                    figures.put("errors", wrk.get("errors").asLong() + wrk.get("non_2xx").asLong());
                    figures.put("p50_ms", wrk.get("p50_us").asLong() / 1000.0);
                    figures.put("p90_ms", wrk.get("p90_us").asLong() / 1000.0);
                    figures.put("p99_ms", wrk.get("p99_us").asLong() / 1000.0);
                    figures.put("max_ms", wrk.get("max_us").asLong() / 1000.0);
                    worstP99 = Math.max(worstP99, wrk.get("p99_us").asLong() / 1000.0);
                    byPath.put(path, figures);
                }
                return results.put("worst_p99_ms", worstP99).put("paths", byPath);
            } finally {
                api.close();
            }
        }
    }

    /** One closed minute of 1 m windows for every fleet service and metric. */
    private static void publishWindows(String bootstrap) {
        Random random = new Random(17);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
        try (KafkaProducer<String, MetricWindow> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.METRICS.keySerde().serializer(), Topics.METRICS.valueSerde().serializer())) {
            for (String service : SampleFactory.FLEET) {
                for (String metric : METRICS) {
                    DDSketch sketch = SketchCodec.newSketch();
                    double sum = 0;
                    for (int i = 0; i < 600; i++) {
                        double value = SampleFactory.latencyMs(random, 40);
                        sketch.accept(value);
                        sum += value;
                    }
                    MetricWindow window = new MetricWindow(MetricWindow.VERSION, service, metric, "1m", start,
                            start.plus(Duration.ofMinutes(1)), 600, 3, sum, sketch.getMinValue(),
                            sketch.getMaxValue(), sum / 600, sketch.getValueAtQuantile(0.5),
                            sketch.getValueAtQuantile(0.95), sketch.getValueAtQuantile(0.99), 600, 0.005,
                            SketchCodec.toBase64(sketch), null);
                    producer.send(new ProducerRecord<>(Topics.METRICS.name(), window.key(), window));
                }
            }
        }
    }

    private static void awaitServices(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String body = get(url);
            if (body != null && body.contains(SampleFactory.FLEET[SampleFactory.FLEET.length - 1])) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(url + " did not list the fleet within " + timeout);
    }

    private static int status(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : null;
    }

    /** Runs wrk with the pacing script; returns the JSON line the script's {@code done()} prints. */
    private static JsonNode wrk(String url, Duration duration, int rate, int connections)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("bench-paced", ".lua");
        try (InputStream in = RestLatency.class.getResourceAsStream("/bench/paced.lua")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("wrk", "-t", "1", "-c", Integer.toString(connections),
                "-d", duration.toSeconds() + "s", "--timeout", "5s", "-s", script.toString(), url));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BENCH_RATE", Integer.toString(rate));
        builder.environment().put("BENCH_CONNECTIONS", Integer.toString(connections));
        Process process = builder.start();
        String json = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("BENCH_JSON ")) {
                    json = line.substring("BENCH_JSON ".length());
                }
            }
        } finally {
            if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(script);
        }
        if (json == null) {
            throw new IllegalStateException("wrk printed no result:\n" + output);
        }
        return Json.MAPPER.readTree(json);
    }
}
