package io.lifestrands.monitor.collector.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.collector.publish.SamplePublisher;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * {@code POST /v1/metrics}: OTLP/HTTP metrics, {@code application/x-protobuf} (default) or {@code application/json}
 * (the proto3 JSON mapping, unknown fields ignored), optionally {@code Content-Encoding: gzip}. The same bearer
 * token, size limit (of the body and of its decompressed form) and rule as {@code /ingest}: it answers only once
 * Kafka acknowledged every accepted point's sample.
 * <ul>
 *   <li>200 with an {@code ExportMetricsServiceResponse} in the request's encoding; {@code partial_success} names
 *       the rejected data points and why when some could not be mapped (the others are published);</li>
 *   <li>400 problem+json for an undecodable body, 401 without the token, 413 above the size limit, 503 with
 *       {@code Retry-After} when Kafka does not acknowledge in time.</li>
 * </ul>
 */
@RestController
class OtlpMetricsController {

    static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

    private final SamplePublisher publisher;
    private final BearerToken token;
    private final long maxBodyBytes;
    private final OtlpMetrics mapping;

    /** @param meters where the gauge {@code collector.otlp.cumulative.resets} (resets of cumulative series) goes */
    OtlpMetricsController(CollectorSettings settings, SamplePublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.token = new BearerToken(settings.ingestToken());
        this.maxBodyBytes = settings.maxIngestBody().toBytes();
        CumulativeDeltas deltas = new CumulativeDeltas();
        Gauge.builder("collector.otlp.cumulative.resets", deltas, CumulativeDeltas::resets)
                .description("resets seen in cumulative OTLP series (a new start time or a smaller count)")
                .register(meters);
        this.mapping = new OtlpMetrics(deltas, settings.hostId());
    }

    @PostMapping("/v1/metrics")
    ResponseEntity<byte[]> export(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.CONTENT_ENCODING, required = false) String encoding,
            HttpServletRequest request) throws IOException {
        if (!token.accepts(authorization)) {
            throw IngestProblem.unauthorized();
        }
        boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
        byte[] body = inflate(IngestController.readBody(request, maxBodyBytes), encoding);
        OtlpMetrics.Mapped mapped = mapping.map(decode(body, json));
        IngestController.awaitAcks(mapped.samples().stream().map(publisher::publish).toList());
        ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
        if (mapped.rejected() > 0) {
            response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(mapped.rejected())
                    .setErrorMessage(String.join("; ", mapped.reasons())));
        }
        return ResponseEntity.ok()
                .contentType(json ? MediaType.APPLICATION_JSON : PROTOBUF)
                .body(json ? JsonFormat.printer().print(response).getBytes(StandardCharsets.UTF_8)
                        : response.build().toByteArray());
    }

    private byte[] inflate(byte[] body, String encoding) throws IOException {
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.equalsIgnoreCase("gzip")) {
            throw IngestProblem.malformed("Content-Encoding " + encoding + " is not supported; use gzip or none");
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return IngestController.readLimited(in, maxBodyBytes);
        } catch (ZipException | java.io.EOFException e) {
            throw IngestProblem.malformed("body is not valid gzip: " + e.getMessage());
        }
    }

    private static ExportMetricsServiceRequest decode(byte[] body, boolean json) {
        try {
            if (json) {
                ExportMetricsServiceRequest.Builder builder = ExportMetricsServiceRequest.newBuilder();
                JsonFormat.parser().ignoringUnknownFields().merge(new String(body, StandardCharsets.UTF_8), builder);
                return builder.build();
            }
            return ExportMetricsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw IngestProblem.malformed("body is not an OTLP ExportMetricsServiceRequest in "
                    + (json ? "JSON" : "protobuf") + ": " + e.getMessage());
        }
    }
}
