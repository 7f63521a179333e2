package io.lifestrands.monitor.fleetsim;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.AggregationTemporalitySelector;
import io.opentelemetry.sdk.metrics.export.DefaultAggregationSelector;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One simulated service's traffic as the OpenTelemetry SDK reports an instrumented HTTP server's: the histogram
 * {@code http.server.request.duration} in seconds, delta temporality, base-2 exponential buckets, exported over
 * OTLP/HTTP protobuf to the collector's {@code /v1/metrics}.
 */
final class OtlpTrafficReporter implements TrafficRecorder {

    static final String METRIC = "http.server.request.duration";
    /**
     * Enough buckets that the service times of one export (a few ms to the slow fault's seconds, under 16 octaves)
     * stay at scale 6 or finer, the collector's sketch resolution.
     */
    static final int MAX_BUCKETS = 1024;
    static final int MAX_SCALE = 20;

    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final SdkMeterProvider provider;
    private final DoubleHistogram duration;

    OtlpTrafficReporter(String serviceId, FleetReporting reporting) {
        OtlpHttpMetricExporterBuilder exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint(reporting.collectorUrl() + "/v1/metrics")
                .setTimeout(Duration.ofSeconds(5))
                .setAggregationTemporalitySelector(AggregationTemporalitySelector.deltaPreferred())
                .setDefaultAggregationSelector(DefaultAggregationSelector.getDefault().with(InstrumentType.HISTOGRAM,
                        Aggregation.base2ExponentialBucketHistogram(MAX_BUCKETS, MAX_SCALE)));
        if (reporting.token() != null) {
            exporter.addHeader("Authorization", "Bearer " + reporting.token());
        }
        provider = SdkMeterProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), serviceId,
                        AttributeKey.stringKey("host.name"), reporting.hostName()))))
                // the SDK's own telemetry (otel.sdk.metric_reader.collection.duration ...) is no traffic of the service
                .registerView(InstrumentSelector.builder().setName("otel.sdk.*").build(),
                        View.builder().setAggregation(Aggregation.drop()).build())
                .registerMetricReader(PeriodicMetricReader.builder(exporter.build())
                        .setInterval(reporting.exportInterval())
                        .build())
                .build();
        duration = provider.get("io.lifestrands.monitor.fleetsim")
                .histogramBuilder(METRIC)
                .setUnit("s")
                .setDescription("Duration of HTTP server requests.")
                .build();
    }

    @Override
    public void served(String route, String method, long latencyMs, int status) {
        Attributes attributes = status >= 500
                ? Attributes.of(STATUS, (long) status, METHOD, method, ROUTE, route, ERROR_TYPE,
                        Integer.toString(status))
                : Attributes.of(STATUS, (long) status, METHOD, method, ROUTE, route);
        duration.record(latencyMs / 1000.0, attributes);
    }

    @Override
    public void close() {
        // close flushes the last delta
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }
}
