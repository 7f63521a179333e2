package io.lifestrands.monitor.collector.ingest;

import io.lifestrands.monitor.schema.Histogram;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps an OTLP metrics export to samples. Resource {@code service.name} is the service, {@code host.name} or
 * {@code service.instance.id} the host. Histograms (exponential or explicit) become {@code request} samples with a
 * {@link Histogram} of the OTel metric's name and unit, except the HTTP server durations, which are the service's
 * traffic: {@code http.server.request.duration} (seconds) and the older {@code http.server.duration} (milliseconds)
 * become {@code latency_ms} with the unit as sent, so the sketch stays exact in the source unit (HTTP server
 * durations are errors when
 * {@code http.response.status_code} (or {@code http.status_code}) >= 500 or {@code error.type} is set); monotonic
 * sums become rates per minute, gauges and other sums their value, as {@code metrics} entries under the OTel name,
 * with the unit as label {@code otel.unit}. Cumulative points are turned into deltas per series
 * ({@link CumulativeDeltas}). A point that cannot be mapped is rejected with a reason, never dropped silently.
 */
final class OtlpMetrics {

    static final String UNIT_LABEL = "otel.unit";
    /** The OpenTelemetry HTTP server duration histograms, current ({@code s}) and older ({@code ms}). */
    static final List<String> HTTP_SERVER_DURATIONS = List.of("http.server.request.duration", "http.server.duration");

    /** Samples of the valid points; {@code rejected} points with the first reasons. */
    record Mapped(List<Sample> samples, long rejected, List<String> reasons) {
    }

    private final CumulativeDeltas deltas;
    private final String fallbackHost;

    OtlpMetrics(CumulativeDeltas deltas, String fallbackHost) {
        this.deltas = deltas;
        this.fallbackHost = fallbackHost;
    }

    Mapped map(ExportMetricsServiceRequest request) {
        Batch batch = new Batch();
        for (ResourceMetrics resource : request.getResourceMetricsList()) {
            Map<String, String> attributes = strings(resource.getResource().getAttributesList());
            String service = attributes.get("service.name");
            String host = attributes.getOrDefault("host.name", attributes.getOrDefault("service.instance.id",
                    fallbackHost));
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                for (Metric metric : scope.getMetricsList()) {
                    if (service == null || !Sample.isId(service) || !Sample.isId(host)) {
                        batch.reject(points(metric), "resource service.name and host must match [A-Za-z0-9_.:-]"
                                + "{1,128}, were " + service + " and " + host);
                        continue;
                    }
                    metric(batch, service, host, metric);
                }
            }
        }
        return new Mapped(List.copyOf(batch.samples), batch.rejected, List.copyOf(batch.reasons));
    }

    private void metric(Batch batch, String service, String host, Metric metric) {
        String unit = metric.getUnit().isEmpty() ? null : metric.getUnit();
        switch (metric.getDataCase()) {
            case EXPONENTIAL_HISTOGRAM -> {
                boolean cumulative = metric.getExponentialHistogram().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
                for (ExponentialHistogramDataPoint point : metric.getExponentialHistogram().getDataPointsList()) {
                    batch.guard(() -> histogramSample(service, host, metric.getName(), cumulative,
                            point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(),
                            exponential(metric.getName(), unit, point)));
                }
            }
            case HISTOGRAM -> {
                boolean cumulative = metric.getHistogram().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
                for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
                    batch.guard(() -> histogramSample(service, host, metric.getName(), cumulative,
                            point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano(),
                            explicit(metric.getName(), unit, point)));
                }
            }
            case SUM -> {
                boolean rate = metric.getSum().getIsMonotonic();
                boolean cumulative = metric.getSum().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
                for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                    batch.guard(() -> rate ? rateSample(service, host, metric.getName(), unit, cumulative, point)
                            : valueSample(service, host, metric.getName(), unit, point));
                }
            }
            case GAUGE -> {
                for (NumberDataPoint point : metric.getGauge().getDataPointsList()) {
                    batch.guard(() -> valueSample(service, host, metric.getName(), unit, point));
                }
            }
            default -> batch.reject(points(metric), "metric " + metric.getName() + ": " + metric.getDataCase()
                    + " is not supported");
        }
    }

    private Sample histogramSample(String service, String host, String name, boolean cumulative,
                                   List<KeyValue> attributes, long startNanos, long timeNanos, Histogram histogram) {
        if (cumulative) {
            histogram = deltas.histogram(series(service, host, name, attributes), startNanos, timeNanos, histogram)
                    .value();
        }
        Map<String, String> tags = strings(attributes);
        Integer status = status(tags);
        boolean failed = tags.containsKey("error.type");
        return new Sample(Sample.VERSION, SampleKind.REQUEST, host, service, instant(timeNanos), !failed, null,
                status, failed ? "error.type: " + tags.get("error.type") : null, Map.of(), Map.of(), null,
                histogram);
    }

    private Sample rateSample(String service, String host, String name, String unit, boolean cumulative,
                              NumberDataPoint point) {
        double value = number(point);
        long from = point.getStartTimeUnixNano();
        if (cumulative) {
            CumulativeDeltas.Delta<Double> delta = deltas.sum(series(service, host, name, point.getAttributesList()),
                    from, point.getTimeUnixNano(), value);
            value = delta.value();
            from = delta.fromNanos();
        }
        long spanNanos = point.getTimeUnixNano() - from;
        if (spanNanos <= 0) {
            throw new IllegalArgumentException("sum " + name + " needs start_time_unix_nano before time_unix_nano");
        }
        return metricSample(service, host, name, unit, point.getTimeUnixNano(), value * 60e9 / spanNanos);
    }

    private Sample valueSample(String service, String host, String name, String unit, NumberDataPoint point) {
        return metricSample(service, host, name, unit, point.getTimeUnixNano(), number(point));
    }

    private static Sample metricSample(String service, String host, String name, String unit, long timeNanos,
                                       double value) {
        return new Sample(Sample.VERSION, SampleKind.REQUEST, host, service, instant(timeNanos), true, null, null,
                null, Map.of(name, value), unit == null ? Map.of() : Map.of(UNIT_LABEL, unit));
    }

    private static Histogram exponential(String name, String unit, ExponentialHistogramDataPoint point) {
        if (point.getNegative().getBucketCountsList().stream().anyMatch(c -> c > 0)) {
            throw new IllegalArgumentException("histogram " + name + " has negative values");
        }
        requireSum(name, point.hasSum());
        return new Histogram(metricName(name), unit, point.getScale(), point.getPositive().getOffset(),
                point.getPositive().getBucketCountsList(), null, point.getZeroCount(), point.getCount(),
                point.getSum(), point.hasMin() ? point.getMin() : null, point.hasMax() ? point.getMax() : null);
    }

    private static Histogram explicit(String name, String unit, HistogramDataPoint point) {
        requireSum(name, point.hasSum());
        List<Long> counts = point.getBucketCountsList();
        List<Double> bounds = point.getExplicitBoundsList();
        if (counts.isEmpty()) {
            counts = List.of(point.getCount());
            bounds = List.of();
        }
        return new Histogram(metricName(name), unit, null, null, counts, bounds, 0L, point.getCount(), point.getSum(),
                point.hasMin() ? point.getMin() : null, point.hasMax() ? point.getMax() : null);
    }

    /** The metric a histogram of OTel name {@code name} is a sample of: its own name, {@code latency_ms} for traffic. */
    static String metricName(String name) {
        return HTTP_SERVER_DURATIONS.contains(name) ? Names.LATENCY_MS : name;
    }

    private static void requireSum(String name, boolean hasSum) {
        if (!hasSum) {
            throw new IllegalArgumentException("histogram " + name + " has no sum");
        }
    }

    private static Integer status(Map<String, String> tags) {
        String code = tags.getOrDefault("http.response.status_code", tags.get("http.status_code"));
        try {
            return code == null ? null : Integer.valueOf(code);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double number(NumberDataPoint point) {
        return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
    }

    private static String series(String service, String host, String name, List<KeyValue> attributes) {
        return service + "\u0000" + host + "\u0000" + name + "\u0000" + new TreeMap<>(strings(attributes));
    }

    private static Map<String, String> strings(List<KeyValue> attributes) {
        Map<String, String> out = new TreeMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            out.put(attribute.getKey(), switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> Long.toString(value.getIntValue());
                case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                default -> value.toString().strip();
            });
        }
        return out;
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }

    private static int points(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            default -> 0;
        };
    }

    /** The samples and rejections of one request. */
    private static final class Batch {
        private static final int MAX_REASONS = 10;
        final List<Sample> samples = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        long rejected;

        /** Maps one point; an invalid point is rejected with its reason. */
        void guard(java.util.function.Supplier<Sample> point) {
            try {
                Sample sample = point.get();
                if (sample.histogram() == null || sample.histogram().count() > 0) {
                    samples.add(sample);
                }
            } catch (IllegalArgumentException e) {
                reject(1, e.getMessage());
            }
        }

        void reject(long points, String reason) {
            rejected += points;
            if (points > 0 && reasons.size() < MAX_REASONS && !reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
    }
}
