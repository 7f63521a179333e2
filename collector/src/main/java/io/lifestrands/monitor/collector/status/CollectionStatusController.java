package io.lifestrands.monitor.collector.status;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.collector.ingest.BearerToken;
import io.lifestrands.monitor.collector.ingest.IngestProblem;
import io.lifestrands.monitor.schema.json.Json;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /collection-status}: what the collector probes and how that goes, read-only, in the project's snake_case
 * JSON; the api's {@code /debug/collection-status} fetches it. It names every target and its errors, so like
 * {@code POST /ingest} it needs the collector's bearer token when one is configured.
 */
@RestController
class CollectionStatusController {

    private final CollectionStatus status;
    private final BearerToken token;

    CollectionStatusController(CollectionStatus status, CollectorSettings settings) {
        this.status = status;
        this.token = new BearerToken(settings.ingestToken());
    }

    @GetMapping("/collection-status")
    ResponseEntity<String> collectionStatus(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!token.accepts(authorization)) {
            throw IngestProblem.unauthorized();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(status.report()));
    }
}
