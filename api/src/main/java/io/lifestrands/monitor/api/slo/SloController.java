package io.lifestrands.monitor.api.slo;

import io.lifestrands.monitor.api.system.ConfigValidationException;
import io.lifestrands.monitor.api.system.ConflictException;
import io.lifestrands.monitor.api.system.FieldError;
import io.lifestrands.monitor.api.system.NotFoundException;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.json.FieldViolation;
import io.lifestrands.monitor.schema.json.FieldwiseDecoder;
import io.lifestrands.monitor.schema.json.InvalidFieldsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /slo}: every SLO with its error budget and burn rates (viewer), and its definitions (operator: every
 * non-read method is), as JSON ({@code Slo}'s fields) or as an OpenSLO v1 document ({@code application/yaml}).
 * A definition is answered once Kafka stored it; its status follows from the processor.
 */
@RestController
class SloController {

    static final String YAML = "application/yaml";
    private static final Logger log = LoggerFactory.getLogger(SloController.class);

    private final SloBook book;
    private final SloPublisher publisher;

    SloController(SloBook book, SloPublisher publisher) {
        this.book = book;
        this.publisher = publisher;
    }

    @GetMapping("/slo")
    List<SloView> all() {
        return book.all();
    }

    @GetMapping("/slo/{id}")
    SloView one(@PathVariable String id) {
        return book.find(id).orElseThrow(() -> new NotFoundException("no SLO " + id));
    }

    /** Creates an SLO from {@code Slo}'s JSON fields; 409 when its id is taken (PUT replaces). */
    @PostMapping(value = "/slo", consumes = "application/json")
    ResponseEntity<SloView> create(@RequestBody JsonNode body) {
        return created(decode(body, new ArrayList<>()));
    }

    /** Creates an SLO from an OpenSLO v1 {@code SLO} document. */
    @PostMapping(value = "/slo", consumes = {YAML, "application/x-yaml", "text/yaml"})
    ResponseEntity<SloView> createFromOpenSlo(@RequestBody String yaml) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode fields = OpenSlo.read(yaml, errors);
        return created(decode(fields, errors));
    }

    /** Creates or replaces the SLO {@code id}; a body {@code id} must be the same or absent. */
    @PutMapping(value = "/slo/{id}", consumes = "application/json")
    SloView replace(@PathVariable String id, @RequestBody JsonNode body) {
        if (body instanceof ObjectNode object && !object.has("id")) {
            object.put("id", id);
        }
        Slo slo = decode(body, new ArrayList<>());
        if (!slo.id().equals(id)) {
            throw new ConfigValidationException("Invalid SLO",
                    List.of(new FieldError("id", "must be the path's id " + id + ", was " + slo.id())));
        }
        return store(slo);
    }

    @DeleteMapping("/slo/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        book.definition(id).orElseThrow(() -> new NotFoundException("no SLO " + id));
        publisher.delete(id);
        book.remove(id);
        log.info("SLO {} deleted", id);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<SloView> created(Slo slo) {
        if (book.definition(slo.id()).isPresent()) {
            throw new ConflictException("SLO " + slo.id() + " exists; PUT /slo/" + slo.id() + " replaces it");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(store(slo));
    }

    private SloView store(Slo slo) {
        publisher.publish(slo);
        book.apply(slo);
        log.info("SLO {} stored: {} {} of {} over {}", slo.id(), slo.kind(), slo.objective(), slo.service(),
                slo.window());
        return book.find(slo.id()).orElseThrow();
    }

    /** @param errors problems found before decoding (e.g. of an OpenSLO document), reported with the decoder's */
    private static Slo decode(JsonNode body, List<FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "body must be a JSON object"));
            throw new ConfigValidationException("Invalid SLO", errors);
        }
        try {
            Slo slo = FieldwiseDecoder.decode(body, Slo.class);
            if (errors.isEmpty()) {
                return slo;
            }
        } catch (InvalidFieldsException e) {
            for (FieldViolation violation : e.violations()) {
                errors.add(new FieldError(violation.field(), violation.reason()));
            }
        }
        throw new ConfigValidationException("Invalid SLO", errors);
    }
}
