package io.lifestrands.monitor.collector.ingest;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.collector.publish.SamplePublisher;
import io.lifestrands.monitor.schema.Sample;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /ingest}: services push request outcomes and business events as a JSON array of samples.
 * <ul>
 *   <li>202 {@code {"accepted": n}} once Kafka acknowledged every sample;</li>
 *   <li>400 problem+json when some samples are invalid: the valid ones are still published (nothing valid is
 *       lost) and the body lists {@code rejected: [{index, reason}]} and the {@code accepted} count, so a client
 *       resends only the rejected indexes after fixing them;</li>
 *   <li>400 when the body is not a JSON array, 401 without the configured bearer token, 413 above the size limit,
 *       503 with {@code Retry-After} when Kafka does not acknowledge in time (the client should resend).</li>
 * </ul>
 */
@RestController
class IngestController {

    /** How long a request waits for Kafka: a little more than the producer's own delivery timeout. */
    static final Duration ACK_WAIT = SamplePublisher.DELIVERY_TIMEOUT.plusSeconds(5);

    private final SamplePublisher publisher;
    private final BearerToken token;
    private final long maxBodyBytes;
    private final String host;

    IngestController(CollectorSettings settings, SamplePublisher publisher) {
        this.publisher = publisher;
        this.token = new BearerToken(settings.ingestToken());
        this.maxBodyBytes = settings.maxIngestBody().toBytes();
        this.host = settings.hostId();
    }

    @PostMapping("/ingest")
    ResponseEntity<Map<String, Integer>> ingest(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) throws IOException {
        if (!token.accepts(authorization)) {
            throw IngestProblem.unauthorized();
        }
        IngestBatch batch = IngestBatch.parse(readBody(request, maxBodyBytes), host);
        awaitAcks(batch.valid().stream().map(a -> publisher.publish(a.sample().service(), a.json())).toList());
        if (!batch.rejected().isEmpty()) {
            throw IngestProblem.rejected(batch.rejected(), batch.valid().size());
        }
        return ResponseEntity.accepted().body(Map.of("accepted", batch.valid().size()));
    }

    /** Reads at most the limit, so an oversized body without (or with a lying) Content-Length costs no memory. */
    static byte[] readBody(HttpServletRequest request, long maxBodyBytes) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw IngestProblem.tooLarge(maxBodyBytes);
        }
        try (InputStream in = request.getInputStream()) {
            return readLimited(in, maxBodyBytes);
        }
    }

    /** At most {@code maxBytes} of {@code in}; 413 beyond. */
    static byte[] readLimited(InputStream in, long maxBytes) throws IOException {
        byte[] body = in.readNBytes((int) maxBytes + 1);
        if (body.length > maxBytes) {
            throw IngestProblem.tooLarge(maxBytes);
        }
        return body;
    }

    static void awaitAcks(List<? extends CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw IngestProblem.unavailable("Kafka did not accept the samples: " + e.getCause().getClass()
                    .getSimpleName() + "; resend the batch", e.getCause());
        } catch (TimeoutException e) {
            throw IngestProblem.unavailable("Kafka did not acknowledge within " + ACK_WAIT.toSeconds()
                    + " s; resend the batch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IngestProblem.unavailable("interrupted while waiting for Kafka", e);
        }
    }
}
