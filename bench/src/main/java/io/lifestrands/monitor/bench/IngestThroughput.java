package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P2: samples per second through {@code POST /ingest} (JSON batches, 202 only after Kafka acknowledged them) against
 * Kafka's own {@code ProducerPerformance} sending the same sample bytes to the same topic on the same broker with the
 * collector's producer settings (acks=all, idempotence, linger 5 ms).
 */
final class IngestThroughput {

    private static final Pattern PERF_SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    private IngestThroughput() {
    }

    /**
     * @param duration  how long the HTTP clients post
     * @param clients   concurrent HTTP clients
     * @param batchSize samples per request
     */
    static Results run(Duration duration, int clients, int batchSize) throws Exception {
        try (Broker broker = Broker.connect()) {
            broker.freshTopics();
            List<byte[]> bodies = bodies(batchSize, 64);
            double ingestRate;
            long accepted;
            ConfigurableApplicationContext collector = Apps.collector(broker.bootstrap());
            try {
                URI uri = URI.create("http://localhost:" + Apps.port(collector) + "/ingest");
                post(uri, bodies, 1, Duration.ofSeconds(2), batchSize);
                long before = broker.endOffsets(Topics.SAMPLES.name());
                long started = System.nanoTime();
                accepted = post(uri, bodies, clients, duration, batchSize);
                ingestRate = accepted / ProcessorThroughput.seconds(System.nanoTime() - started);
                long landed = broker.endOffsets(Topics.SAMPLES.name()) - before;
                if (landed < accepted) {
                    throw new IllegalStateException("202 for " + accepted + " samples but " + landed + " in the topic");
                }
            } finally {
                collector.close();
            }
            long perfRecords = Math.max(1_000, Math.round(ingestRate * duration.toSeconds() * 3));
            double perfRate = producerPerformance(broker.bootstrap(), perfRecords);
            return Results.of("p2-ingest-throughput")
                    .put("clients", clients)
                    .put("batch_size", batchSize)
                    .put("ingest_samples_accepted", accepted)
                    .put("ingest_samples_per_s", ingestRate)
                    .put("producer_perf_records", perfRecords)
                    .put("producer_perf_records_per_s", perfRate)
                    .put("ratio", ingestRate / perfRate)
                    .put("target_ratio", 0.30);
        }
    }

    /** Request bodies: JSON arrays of {@code batchSize} request samples each. */
    private static List<byte[]> bodies(int batchSize, int count) {
        SampleFactory factory = new SampleFactory(3, SampleFactory.FLEET.length);
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<Sample> batch = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                batch.add(factory.pushed(Instant.now()));
            }
            bodies.add(Json.encode(batch));
        }
        return bodies;
    }

    /** Posts bodies from {@code clients} threads for {@code duration}; returns the samples answered with 202. */
    private static long post(URI uri, List<byte[]> bodies, int clients, Duration duration, int batchSize)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong accepted = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c;
                running.add(pool.submit(() -> {
                    for (int i = offset; System.nanoTime() < deadline; i++) {
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())))
                                .build();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("/ingest answered " + response.statusCode() + ": "
                                    + response.body());
                        }
                        accepted.addAndGet(batchSize);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return accepted.get();
    }

    /**
     * Runs {@code org.apache.kafka.tools.ProducerPerformance} in its own JVM (it prints its summary and may exit) with
     * one sample JSON per payload line; returns its records per second.
     */
    static double producerPerformance(String bootstrap, long records) throws IOException, InterruptedException {
        Path payload = Files.createTempFile("bench-payload", ".jsonl");
        SampleFactory factory = new SampleFactory(5, SampleFactory.FLEET.length);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            lines.add(Json.write(factory.pushed(Instant.now())));
        }
        Files.write(payload, lines, StandardCharsets.UTF_8);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", Topics.SAMPLES.name(), "--num-records", Long.toString(records), "--throughput", "-1",
                "--payload-file", payload.toString(),
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true",
                "linger.ms=5");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher matcher = PERF_SUMMARY.matcher(line);
                if (matcher.find() && Long.parseLong(matcher.group(1)) == records) {
                    summary = matcher.group(2);
                }
            }
        } finally {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(payload);
        }
        if (summary == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary for " + records + " records");
        }
        return Double.parseDouble(summary);
    }
}
