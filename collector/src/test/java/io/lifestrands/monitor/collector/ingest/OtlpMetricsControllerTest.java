package io.lifestrands.monitor.collector.ingest;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpServer;
import io.lifestrands.monitor.collector.publish.SamplePublisher;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.sketch.HistogramSketch;
import io.lifestrands.monitor.schema.sketch.SketchCodec;
import io.lifestrands.monitor.schema.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /v1/metrics} with bodies written by the real OpenTelemetry Java SDK exporter. */
class OtlpMetricsControllerTest {

    private static final String TOKEN = "s3cret";
    private static final String DURATION = "http.server.request.duration";

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null,
            Topics.SAMPLES.keySerde().serializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        OtlpMetricsController controller = new OtlpMetricsController(settings(List.of(), TOKEN),
                new SamplePublisher(producer, "samples", new SimpleMeterRegistry()), meters);
        mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ProblemAdvice()).build();
    }

    @Test
    void sdkHistogramsReachThePublishedSamplesBinForBinInProtobufAndJson() throws Exception {
        double[] seconds = heavyTailedSeconds(3000);
        byte[] gzipped = exportWithSdk(seconds);
        byte[] protobuf = gunzip(gzipped);
        String json = JsonFormat.printer().print(ExportMetricsServiceRequest.parseFrom(protobuf));

        mvc.perform(post("/v1/metrics").header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/x-protobuf").header("Content-Encoding", "gzip").content(gzipped))
                .andExpect(status().isOk());
        List<Sample> fromProtobuf = published();
        producer.clear();
        mvc.perform(post("/v1/metrics").header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/json")
                        .content(json.replaceFirst("\\{", "{\"unknownField\": {\"a\": 1},")))
                .andExpect(status().isOk());
        List<Sample> fromJson = published();

        assertThat(fromJson).isEqualTo(fromProtobuf);
        DDSketch direct = SketchCodec.newSketch();
        Arrays.stream(seconds).forEach(direct::accept);
        DDSketch received = SketchCodec.newSketch();
        long errors = 0;
        for (Sample sample : fromProtobuf) {
            assertThat(sample.service()).isEqualTo("chat");
            assertThat(sample.host()).isEqualTo("chat-1");
            assertThat(sample.histogram().metric()).isEqualTo(Names.LATENCY_MS);
            assertThat(sample.histogram().unit()).isEqualTo("s");
            assertThat(sample.histogram().scale()).isGreaterThanOrEqualTo(6);
            assertThat(HistogramSketch.addTo(received, sample.histogram()).exact()).isTrue();
            errors += sample.failed() ? sample.histogram().count() : 0;
        }
        assertThat(bins(received)).isEqualTo(bins(direct));
        assertThat(errors).isEqualTo(seconds.length / 10);
    }

    @Test
    void httpServerDurationsAreTrafficLatencyInTheirUnitAndOtherHistogramsKeepTheirNames() throws Exception {
        long t0 = 1_767_225_600_000_000_000L;
        ExportMetricsServiceRequest request = request(explicit("http.server.duration", "ms", t0),
                explicit("db.client.operation.duration", "s", t0));

        perform(request.toByteArray()).andExpect(status().isOk());

        assertThat(published()).extracting(s -> s.histogram().metric() + " " + s.histogram().unit())
                .containsExactly("latency_ms ms", "db.client.operation.duration s");
    }

    @Test
    void cumulativeCounterWithAResetGivesTheRightDeltasAndOneReset() throws Exception {
        long t0 = 1_767_225_600_000_000_000L;
        long minute = 60_000_000_000L;
        double[] perMinute = new double[3];
        long[][] points = {{t0, t0 + minute, 10}, {t0, t0 + 2 * minute, 25}, {t0 + 2 * minute, t0 + 3 * minute, 5}};
        for (int i = 0; i < points.length; i++) {
            producer.clear();
            perform(request(counter(points[i][0], points[i][1], points[i][2])).toByteArray())
                    .andExpect(status().isOk());
            perMinute[i] = published().get(0).metrics().get("http.server.requests");
        }

        assertThat(perMinute).containsExactly(10, 15, 5);
        assertThat(meters.get("collector.otlp.cumulative.resets").gauge().value()).isEqualTo(1);
    }

    @Test
    void malformedTruncatedAndOversizedBodiesGet400And413WithReasons() throws Exception {
        byte[] valid = gunzip(exportWithSdk(heavyTailedSeconds(100)));

        perform(new byte[] {(byte) 0xff, 0x01, 0x02}).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not an OTLP")));
        perform(Arrays.copyOf(valid, valid.length - 7)).andExpect(status().isBadRequest());
        mvc.perform(post("/v1/metrics").header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .content("{\"resourceMetrics\": [")).andExpect(status().isBadRequest());
        mvc.perform(post("/v1/metrics").header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/x-protobuf").header("Content-Encoding", "gzip").content(valid))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("gzip")));
        perform(new byte[2 * 1024 * 1024]).andExpect(status().isContentTooLarge());
        mvc.perform(post("/v1/metrics").contentType("application/x-protobuf").content(valid))
                .andExpect(status().isUnauthorized());
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void validPointsOfAPartlyBadRequestAreKeptAndTheOthersCountedInPartialSuccess() throws Exception {
        long t0 = 1_767_225_600_000_000_000L;
        Metric summary = Metric.newBuilder().setName("rpc.latency").setSummary(Summary.newBuilder()
                .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(t0).setCount(1))
                .addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(t0).setCount(2))).build();
        Metric badName = Metric.newBuilder().setName("bad name/with spaces").setGauge(
                io.opentelemetry.proto.metrics.v1.Gauge.newBuilder().addDataPoints(
                        NumberDataPoint.newBuilder().setTimeUnixNano(t0).setAsDouble(1))).build();
        ExportMetricsServiceRequest request = request(counter(t0, t0 + 60_000_000_000L, 30), summary, badName);

        byte[] body = perform(request.toByteArray()).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();

        ExportMetricsServiceResponse response = ExportMetricsServiceResponse.parseFrom(body);
        assertThat(response.getPartialSuccess().getRejectedDataPoints()).isEqualTo(3);
        assertThat(response.getPartialSuccess().getErrorMessage()).contains("SUMMARY is not supported", "bad name");
        assertThat(published()).singleElement().satisfies(s -> assertThat(s.metrics()).containsKey(
                "http.server.requests"));
    }

    private ResultActions perform(byte[] body) throws Exception {
        return mvc.perform(post("/v1/metrics").header("Authorization", "Bearer " + TOKEN)
                .contentType("application/x-protobuf").content(body));
    }

    private List<Sample> published() {
        return producer.history().stream().map(r -> Json.decode(r.value(), Sample.class)).toList();
    }

    private static Metric counter(long startNanos, long timeNanos, long value) {
        return Metric.newBuilder().setName("http.server.requests").setUnit("{request}").setSum(Sum.newBuilder()
                .setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(startNanos)
                        .setTimeUnixNano(timeNanos).setAsInt(value))).build();
    }

    private static Metric explicit(String name, String unit, long timeNanos) {
        return Metric.newBuilder().setName(name).setUnit(unit).setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(HistogramDataPoint.newBuilder().setStartTimeUnixNano(timeNanos - 60_000_000_000L)
                        .setTimeUnixNano(timeNanos).setCount(3).setSum(6).addAllExplicitBounds(List.of(1.0, 5.0))
                        .addAllBucketCounts(List.of(1L, 2L, 0L)))).build();
    }

    private static ExportMetricsServiceRequest request(Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(KeyValue.newBuilder().setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("chat")))
                        .addAttributes(KeyValue.newBuilder().setKey("host.name")
                                .setValue(AnyValue.newBuilder().setStringValue("chat-1"))))
                .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build();
    }

    /** The body the SDK's OTLP/HTTP exporter sends (gzip, protobuf, delta, exponential histograms). */
    private static byte[] exportWithSdk(double[] seconds) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/metrics", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            byte[] ok = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            exchange.close();
        });
        server.start();
        try {
            OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder()
                    .setEndpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/metrics")
                    .setCompression("gzip")
                    .setRetryPolicy(RetryPolicy.builder().setMaxAttempts(2).build())
                    .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
                    .setDefaultAggregationSelector(type -> type == InstrumentType.HISTOGRAM
                            ? Aggregation.base2ExponentialBucketHistogram(2048, 20) : Aggregation.defaultAggregation())
                    .build();
            try (SdkMeterProvider provider = SdkMeterProvider.builder()
                    .setResource(io.opentelemetry.sdk.resources.Resource.create(Attributes.of(
                            AttributeKey.stringKey("service.name"), "chat",
                            AttributeKey.stringKey("host.name"), "chat-1")))
                    .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1))
                            .build())
                    .build()) {
                DoubleHistogram histogram = provider.get("test").histogramBuilder(DURATION).setUnit("s").build();
                for (int i = 0; i < seconds.length; i++) {
                    histogram.record(seconds[i], Attributes.of(AttributeKey.longKey("http.response.status_code"),
                            i % 10 == 0 ? 503L : 200L));
                }
                provider.forceFlush().join(10, TimeUnit.SECONDS);
            }
        } finally {
            server.stop(0);
        }
        assertThat(bodies).isNotEmpty();
        return bodies.get(0);
    }

    private static double[] heavyTailedSeconds(int n) {
        Random random = new Random(3);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(3.7 + 0.5 * random.nextGaussian()) * (random.nextInt(100) == 0 ? 20 : 1) / 1000;
        }
        return values;
    }

    private static byte[] gunzip(byte[] gzipped) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private static Map<Integer, Double> bins(DDSketch sketch) {
        Map<Integer, Double> bins = new TreeMap<>();
        sketch.getPositiveValueStore().getAscendingStream().forEach(b -> bins.put(b.getIndex(), b.getCount()));
        return bins;
    }
}
