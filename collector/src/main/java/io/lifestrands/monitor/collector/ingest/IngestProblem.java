package io.lifestrands.monitor.collector.ingest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Why {@code POST /ingest} did not answer 202; {@link ProblemAdvice} turns it into problem+json. */
public final class IngestProblem extends RuntimeException {

    private final HttpStatus status;
    private final transient Map<String, Object> properties;
    private final transient HttpHeaders headers;

    private IngestProblem(HttpStatus status, String detail, Map<String, Object> properties, HttpHeaders headers,
                          Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.properties = Map.copyOf(properties);
        this.headers = headers;
    }

    /** 401 with {@code WWW-Authenticate: Bearer}; rendered as problem+json like every error of the collector. */
    public static IngestProblem unauthorized() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return new IngestProblem(HttpStatus.UNAUTHORIZED, "a valid bearer token is required", Map.of(), headers,
                null);
    }

    static IngestProblem tooLarge(long limitBytes) {
        return new IngestProblem(HttpStatus.CONTENT_TOO_LARGE, "body is larger than " + limitBytes + " bytes",
                Map.of("limit_bytes", limitBytes), new HttpHeaders(), null);
    }

    static IngestProblem malformed(String reason) {
        return new IngestProblem(HttpStatus.BAD_REQUEST, reason, Map.of(), new HttpHeaders(), null);
    }

    static IngestProblem rejected(List<IngestBatch.Rejection> rejected, int accepted) {
        return new IngestProblem(HttpStatus.BAD_REQUEST, rejected.size() + " of " + (rejected.size() + accepted)
                + " samples rejected; the other " + accepted + " were accepted, resend only the rejected ones",
                Map.of("rejected", rejected, "accepted", accepted), new HttpHeaders(), null);
    }

    static IngestProblem unavailable(String reason, Throwable cause) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return new IngestProblem(HttpStatus.SERVICE_UNAVAILABLE, reason, Map.of(), headers, cause);
    }

    HttpStatus status() {
        return status;
    }

    Map<String, Object> properties() {
        return properties;
    }

    HttpHeaders headers() {
        return headers;
    }
}
