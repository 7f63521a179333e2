package io.lifestrands.monitor.collector.status;

import io.lifestrands.monitor.schema.json.Json;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /collection-status}: what the collector probes and how that goes, read-only, in the project's snake_case
 * JSON; the api's {@code /debug/collection-status} fetches it.
 */
@RestController
class CollectionStatusController {

    private final CollectionStatus status;

    CollectionStatusController(CollectionStatus status) {
        this.status = status;
    }

    @GetMapping("/collection-status")
    ResponseEntity<String> collectionStatus() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(status.report()));
    }
}
