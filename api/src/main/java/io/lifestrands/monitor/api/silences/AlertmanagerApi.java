package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.api.alerts.AlertView;
import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.api.system.NotFoundException;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Silence;
import io.lifestrands.monitor.schema.SilenceMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The subset of Alertmanager's API v2 that its own clients use ({@code amtool}, Grafana's Alertmanager data source),
 * with its shapes (camelCase, as its OpenAPI file has them): silences to list, add, update and expire, the active
 * alerts with the silences that hold them, and a status. Behind the operator token ({@code /api/v2} is an operator
 * path); a request's {@code Authorization: Bearer} header is what amtool's {@code --http.config.file} sends.
 */
@RestController
@RequestMapping("/api/v2")
class AlertmanagerApi {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerApi.class);

    private final SilenceBook book;
    private final SilencePublisher publisher;
    private final ActiveAlerts alerts;
    private final Clock clock;
    private final Instant started;

    AlertmanagerApi(SilenceBook book, SilencePublisher publisher, ActiveAlerts alerts, Clock clock) {
        this.book = book;
        this.publisher = publisher;
        this.alerts = alerts;
        this.clock = clock;
        this.started = clock.instant();
    }

    @GetMapping("/silences")
    List<GettableSilence> silences() {
        Instant now = clock.instant();
        return book.all().stream().map(silence -> GettableSilence.of(silence, now)).toList();
    }

    @GetMapping("/silence/{id}")
    GettableSilence silence(@PathVariable String id) {
        return GettableSilence.of(find(id), clock.instant());
    }

    /** Adds a silence, or replaces the one named by {@code id}; answers its id once Kafka has stored it. */
    @PostMapping("/silences")
    SilenceId add(@RequestBody PostableSilence body) {
        if (body == null || body.matchers() == null || body.startsAt() == null || body.endsAt() == null) {
            throw new BadRequestException("a silence needs matchers, startsAt and endsAt");
        }
        Instant now = clock.instant();
        if (!body.endsAt().isAfter(now)) {
            throw new BadRequestException("endsAt must be in the future, was " + body.endsAt());
        }
        String id = body.id() == null || body.id().isBlank() ? UUID.randomUUID().toString() : body.id();
        if (body.id() != null && !body.id().isBlank()) {
            Silence old = find(id);
            if (old.state(now) == Silence.State.EXPIRED) {
                throw new BadRequestException("silence " + id + " has expired; add a new one");
            }
        }
        Silence silence;
        try {
            silence = new Silence(null, id, body.matchers().stream().map(Matcher::toSchema).toList(),
                    body.startsAt().isBefore(now) ? now : body.startsAt(), body.endsAt(), text(body.createdBy()),
                    text(body.comment()), now);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        store(silence);
        log.info("Silence {} by {} until {}: {}", id, silence.createdBy(), silence.endsAt(), silence.matchers());
        return new SilenceId(id);
    }

    /** Expires a silence now; an expired one stays listed, as in Alertmanager. */
    @DeleteMapping("/silence/{id}")
    void expire(@PathVariable String id) {
        Silence silence = find(id);
        Instant now = clock.instant();
        if (silence.state(now) == Silence.State.EXPIRED) {
            throw new BadRequestException("silence " + id + " has already expired");
        }
        store(silence.expiredAt(now));
        log.info("Silence {} expired", id);
    }

    /** The open alerts (pending ones as {@code unprocessed}), each with the silences that hold it. */
    @GetMapping("/alerts")
    List<GettableAlert> alerts() {
        Instant now = clock.instant();
        return alerts.open().stream().map(alert -> GettableAlert.of(alert, book, now)).toList();
    }

    @GetMapping("/status")
    Status status() {
        return new Status(new Cluster("disabled", List.of()), new VersionInfo("lifestrands-monitor", "", "", "", "",
                Runtime.version().toString()), new Config(""), started);
    }

    private Silence find(String id) {
        RequestParams.checkId("id", id);
        return book.find(id).orElseThrow(() -> new NotFoundException("unknown silence '" + id + "'"));
    }

    private void store(Silence silence) {
        try {
            publisher.publish(silence);
        } catch (IllegalStateException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), e);
        }
        book.apply(silence);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Matcher(String name, String value, Boolean isRegex, Boolean isEqual) {

        SilenceMatcher toSchema() {
            return new SilenceMatcher(name, value, Boolean.TRUE.equals(isRegex), isEqual);
        }

        static Matcher of(SilenceMatcher matcher) {
            return new Matcher(matcher.name(), matcher.value(), matcher.isRegex(), matcher.isEqual());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record PostableSilence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                           String comment) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record GettableSilence(String id, SilenceStatus status, Instant updatedAt, List<Matcher> matchers,
                           Instant startsAt, Instant endsAt, String createdBy, String comment,
                           Map<String, String> annotations) {

        static GettableSilence of(Silence silence, Instant now) {
            return new GettableSilence(silence.id(),
                    new SilenceStatus(silence.state(now).name().toLowerCase(java.util.Locale.ROOT)),
                    silence.updatedAt(), silence.matchers().stream().map(Matcher::of).toList(), silence.startsAt(),
                    silence.endsAt(), silence.createdBy(), silence.comment(), Map.of());
        }
    }

    record SilenceStatus(String state) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record SilenceId(String silenceID) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record GettableAlert(Map<String, String> labels, Map<String, String> annotations, List<Receiver> receivers,
                         String fingerprint, Instant startsAt, Instant updatedAt, Instant endsAt,
                         AlertStatus status) {

        static GettableAlert of(AlertView alert, SilenceBook book, Instant now) {
            Map<String, String> labels = Silence.labelsOf(alert.rule(), alert.service(), alert.severity(),
                    alert.labels());
            List<String> silencedBy = book.silencing(labels, now);
            String state = alert.state() == AlertState.PENDING ? "unprocessed"
                    : silencedBy.isEmpty() ? "active" : "suppressed";
            // Alertmanager's endsAt of an open alert is when it would time out; an open episode has none yet
            Instant endsAt = alert.endsAt() != null ? alert.endsAt() : now;
            return new GettableAlert(labels, Map.of("summary", alert.message()), List.of(new Receiver("monitor")),
                    alert.fingerprint(), alert.startsAt(), now, endsAt,
                    new AlertStatus(state, silencedBy, List.of()));
        }
    }

    record Receiver(String name) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AlertStatus(String state, List<String> silencedBy, List<String> inhibitedBy) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Status(Cluster cluster, VersionInfo versionInfo, Config config, Instant uptime) {
    }

    record Cluster(String status, List<String> peers) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record VersionInfo(String version, String revision, String branch, String buildUser, String buildDate,
                       String goVersion) {
    }

    record Config(String original) {
    }
}
