package io.lifestrands.monitor.api.maintenance;

import io.lifestrands.monitor.api.kafka.ApiProducer;
import io.lifestrands.monitor.api.security.TokenAuthFilter;
import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.api.system.ConflictException;
import io.lifestrands.monitor.api.system.NotFoundException;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code /maintenance}: maintenance windows to list, add, replace and delete, on the compacted
 * {@code monitor.maintenance.v1}; a change is answered once Kafka has stored it. Behind the operator token.
 */
@RestController
class MaintenanceController {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceController.class);

    private final MaintenanceBook book;
    private final ApiProducer producer;
    private final Clock clock;

    MaintenanceController(MaintenanceBook book, ApiProducer producer, Clock clock) {
        this.book = book;
        this.producer = producer;
        this.clock = clock;
    }

    @GetMapping("/maintenance")
    List<MaintenanceView> all() {
        Instant now = clock.instant();
        return book.all().stream().map(window -> MaintenanceView.of(window, now)).toList();
    }

    @GetMapping("/maintenance/{id}")
    MaintenanceView one(@PathVariable String id) {
        return MaintenanceView.of(find(id), clock.instant());
    }

    /** Adds a window; an {@code id} already in use is a conflict (replace it with {@code PUT}). */
    @PostMapping("/maintenance")
    @ResponseStatus(HttpStatus.CREATED)
    MaintenanceView add(@RequestBody MaintenanceRequest body, HttpServletRequest request) {
        if (body == null) {
            throw new BadRequestException("a maintenance window needs services, zone, start and end");
        }
        String id = body.id() == null || body.id().isBlank() ? UUID.randomUUID().toString() : body.id().trim();
        RequestParams.checkId("id", id);
        if (book.find(id).isPresent()) {
            throw new ConflictException("maintenance window '" + id + "' exists; replace it with PUT");
        }
        Instant now = clock.instant();
        return store(body.toWindow(id, body.creatorOr(caller(request)), now, now), now);
    }

    /** Replaces a window's schedule and text; who created it and when are kept. */
    @PutMapping("/maintenance/{id}")
    MaintenanceView replace(@PathVariable String id, @RequestBody MaintenanceRequest body) {
        MaintenanceWindow old = find(id);
        if (body == null) {
            throw new BadRequestException("a maintenance window needs services, zone, start and end");
        }
        Instant now = clock.instant();
        MaintenanceWindow given = body.toWindow(id, old.createdBy(), old.createdAt(), now);
        return store(given, now);
    }

    @DeleteMapping("/maintenance/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        find(id);
        write(id, null);
        book.remove(id);
        log.info("Maintenance window {} deleted", id);
    }

    private MaintenanceView store(MaintenanceWindow window, Instant now) {
        write(window.id(), Json.encode(window));
        book.apply(window);
        log.info("Maintenance window {} by {} for {}: {} to {} {} ({})", window.id(), window.createdBy(),
                window.services(), window.start(), window.end(), window.zone(), window.repeat().wire());
        return MaintenanceView.of(window, now);
    }

    private void write(String id, byte[] value) {
        try {
            producer.store(Topics.MAINTENANCE.name(), id, value, "maintenance window " + id);
        } catch (IllegalStateException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), e);
        }
    }

    private MaintenanceWindow find(String id) {
        RequestParams.checkId("id", id);
        return book.find(id).orElseThrow(() -> new NotFoundException("unknown maintenance window '" + id + "'"));
    }

    private static String caller(HttpServletRequest request) {
        return String.valueOf(request.getAttribute(TokenAuthFilter.PRINCIPAL));
    }
}
