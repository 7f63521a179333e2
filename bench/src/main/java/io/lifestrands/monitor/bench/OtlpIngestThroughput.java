package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.topic.Topics;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P2 for OTLP: histogram data points per second through the collector's {@code POST /v1/metrics} (OTLP/HTTP
 * protobuf, answered only after Kafka acknowledged the samples), with the raw observations those points stand for.
 * Each request holds {@code batch} delta exponential histogram points of {@code http.server.request.duration}
 * (scale 6, 64 buckets, unit s) spread over the five fleet services, as an SDK exporting a service's routes and
 * status codes sends them.
 */
final class OtlpIngestThroughput {

    static final int SCALE = 6;
    static final int BUCKETS = 64;

    private OtlpIngestThroughput() {
    }

    /**
     * @param duration     how long the HTTP clients post
     * @param clients      concurrent HTTP clients
     * @param batch        histogram data points per request
     * @param observations observations per data point (its count)
     */
    static Results run(Duration duration, int clients, int batch, int observations) throws Exception {
        try (Broker broker = Broker.connect()) {
            broker.freshTopics();
            List<byte[]> bodies = bodies(batch, observations, 64);
            long accepted;
            double pointRate;
            long landed;
            ConfigurableApplicationContext collector = Apps.collector(broker.bootstrap());
            try {
                URI uri = URI.create("http://localhost:" + Apps.port(collector) + "/v1/metrics");
                post(uri, bodies, 1, Duration.ofSeconds(2), batch);
                long before = broker.endOffsets(Topics.SAMPLES.name());
                long started = System.nanoTime();
                accepted = post(uri, bodies, clients, duration, batch);
                pointRate = accepted / ProcessorThroughput.seconds(System.nanoTime() - started);
                landed = broker.endOffsets(Topics.SAMPLES.name()) - before;
                if (landed < accepted) {
                    throw new IllegalStateException("200 for " + accepted + " points but " + landed + " in the topic");
                }
            } finally {
                collector.close();
            }
            return Results.of("p2-otlp-ingest-throughput")
                    .put("clients", clients)
                    .put("batch_points", batch)
                    .put("observations_per_point", observations)
                    .put("request_bytes_mean", bodies.stream().mapToInt(b -> b.length).average().orElse(0))
                    .put("otlp_points_accepted", accepted)
                    .put("otlp_samples_in_topic", landed)
                    .put("otlp_points_per_s", pointRate)
                    .put("otlp_observations_per_s", pointRate * observations);
        }
    }

    /** Request bodies: {@code count} export requests of {@code batch} points each, spread over the fleet. */
    static List<byte[]> bodies(int batch, int observations, int count) {
        Random random = new Random(42);
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            long nowNanos = nanos(Instant.now());
            ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
            int services = SampleFactory.FLEET.length;
            for (int s = 0; s < services; s++) {
                int points = batch / services + (s < batch % services ? 1 : 0);
                if (points == 0) {
                    continue;
                }
                ExponentialHistogram.Builder histogram = ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
                for (int p = 0; p < points; p++) {
                    histogram.addDataPoints(point(random, observations, p, nowNanos));
                }
                request.addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(attribute("service.name", SampleFactory.FLEET[s]))
                                .addAttributes(attribute("host.name", "bench")))
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder()
                                .setName("http.server.request.duration")
                                .setUnit("s")
                                .setExponentialHistogram(histogram))));
            }
            bodies.add(request.build().toByteArray());
        }
        return bodies;
    }

    /** One point of {@code observations} service times around 20-80 ms, on route and status of its index. */
    private static ExponentialHistogramDataPoint point(Random random, int observations, int index, long nowNanos) {
        long[] counts = new long[BUCKETS];
        double sum = 0;
        // bucket i of offset o holds (2^((o+i)/64), 2^((o+i+1)/64)]; -360 starts at about 20 ms
        int offset = -360;
        for (int i = 0; i < observations; i++) {
            int bucket = Math.min(BUCKETS - 1, (int) Math.abs(random.nextGaussian() * 16));
            counts[bucket]++;
            sum += Math.pow(2, (offset + bucket + 0.5) / (1 << SCALE));
        }
        ExponentialHistogramDataPoint.Buckets.Builder positive = ExponentialHistogramDataPoint.Buckets.newBuilder()
                .setOffset(offset);
        for (long c : counts) {
            positive.addBucketCounts(c);
        }
        return ExponentialHistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(nowNanos - 10_000_000_000L)
                .setTimeUnixNano(nowNanos)
                .setScale(SCALE)
                .setCount(observations)
                .setSum(sum)
                .setZeroCount(0)
                .setPositive(positive)
                .addAttributes(attribute("http.route", "/api/route" + index / 4))
                .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
                        .setValue(AnyValue.newBuilder().setIntValue(index % 4 == 3 ? 500 : 200)))
                .addAttributes(attribute("http.request.method", "GET"))
                .build();
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Posts bodies from {@code clients} threads for {@code duration}; returns the points answered with 200. */
    private static long post(URI uri, List<byte[]> bodies, int clients, Duration duration, int batch)
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
                                .header("Content-Type", "application/x-protobuf")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())))
                                .build();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("/v1/metrics answered " + response.statusCode() + ": "
                                    + new String(response.body(), StandardCharsets.UTF_8));
                        }
                        accepted.addAndGet(batch);
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
}
