package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.security.SecuritySettings;
import io.lifestrands.monitor.api.security.TokenAuthFilter;
import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.api.system.ConflictException;
import io.lifestrands.monitor.api.system.NotFoundException;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.AlertState;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** {@code /alerts}: the active alerts, the paged history of episodes, and acknowledgement. */
@RestController
class AlertController {

    private static final int MAX_BY = 128;
    private static final int MAX_COMMENT = 1000;

    private final AlertStore store;
    private final ActiveAlerts active;
    private final SecuritySettings.Limits limits;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AlertController(AlertStore store, ActiveAlerts active, SecuritySettings security, ApplicationEventPublisher events,
                    Clock clock) {
        this.store = store;
        this.active = active;
        this.limits = security.limits();
        this.events = events;
        this.clock = clock;
    }

    /**
     * The active alerts: {@code state} {@code firing} (default), {@code pending}, or {@code active} (both, as the
     * WebSocket snapshot holds them). Firing ones come from Redis or PostgreSQL (see {@link ActiveAlerts#firing()}),
     * the others from the model in memory.
     */
    @GetMapping("/alerts")
    Active active(@RequestParam(required = false) String state) {
        ActiveAlerts.Listing listing = switch (ActiveState.parse(state)) {
            case FIRING -> active.firing();
            case PENDING -> new ActiveAlerts.Listing(active.open().stream()
                    .filter(alert -> alert.state() == AlertState.PENDING).toList(), "memory");
            case ACTIVE -> new ActiveAlerts.Listing(active.open(), "memory");
        };
        List<AlertView> alerts = listing.alerts();
        return new Active(clock.instant(), alerts.size(),
                alerts.stream().filter(AlertView::acknowledged).count(), listing.source(), alerts);
    }

    @GetMapping("/alerts/history")
    AlertPage history(@RequestParam(required = false) String service,
                      @RequestParam(required = false) String severity,
                      @RequestParam(required = false) String state,
                      @RequestParam(required = false) String start,
                      @RequestParam(required = false) String end,
                      @RequestParam(required = false) String page,
                      @RequestParam(required = false) String size) {
        AlertFilter filter = AlertFilter.parse(service, severity, state, start, end);
        int pageNumber = RequestParams.intInRange("page", page, 0, 0, 1_000_000);
        int pageSize = RequestParams.intInRange("size", size, Math.min(50, limits.maxPageSize()), 1,
                limits.maxPageSize());
        return new AlertPage(pageNumber, pageSize, store.count(filter), store.history(filter, pageNumber, pageSize));
    }

    /**
     * Acknowledges a firing (or pending) episode once; repeating it answers the first acknowledgement unchanged.
     * Who acknowledged is the body's {@code by}, else the token's role.
     */
    @PostMapping("/alerts/{id}/acknowledge")
    Acknowledgement acknowledge(@PathVariable String id, @RequestBody(required = false) AckRequest body,
                                HttpServletRequest request) {
        AckRequest ack = body == null ? new AckRequest(null, null) : body;
        String by = ack.by() != null && !ack.by().isBlank() ? ack.by().trim()
                : String.valueOf(request.getAttribute(TokenAuthFilter.PRINCIPAL));
        AlertView before = store.find(id).orElseThrow(() -> new NotFoundException("unknown alert '"
                + RequestParams.clip(id) + "'"));
        if (before.acknowledged()) {
            return new Acknowledgement(false, before);
        }
        if (before.state() == AlertState.RESOLVED) {
            throw new ConflictException("alert '" + RequestParams.clip(id) + "' is resolved; nothing to acknowledge");
        }
        // PostgreSQL keeps microseconds: the event and the topic carry the time as stored, not a finer one
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean recorded = store.acknowledge(id, by, now, ack.comment());
        if (recorded) {
            active.storeChanged();
        }
        AlertView after = store.find(id).orElseThrow();
        if (recorded) {
            events.publishEvent(new AlertAcknowledged(id, by, now, ack.comment()));
        }
        return new Acknowledgement(recorded, after);
    }

    /** Which active alerts {@code GET /alerts} lists. */
    enum ActiveState {
        FIRING, PENDING, ACTIVE;

        /** @throws BadRequestException naming the value */
        static ActiveState parse(String text) {
            if (text == null || text.isBlank()) {
                return FIRING;
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "firing" -> FIRING;
                case "pending" -> PENDING;
                case "active" -> ACTIVE;
                default -> throw new BadRequestException("state must be one of [active, firing, pending], was '"
                        + RequestParams.clip(text) + "'");
            };
        }
    }

    /** Optional body of the acknowledgement. */
    record AckRequest(String by, String comment) {

        AckRequest {
            if (by != null && by.length() > MAX_BY) {
                throw new BadRequestException("by must be at most " + MAX_BY + " characters, was " + by.length());
            }
            if (comment != null && comment.length() > MAX_COMMENT) {
                throw new BadRequestException("comment must be at most " + MAX_COMMENT + " characters, was "
                        + comment.length());
            }
        }
    }

    /** @param acknowledged whether this request recorded the acknowledgement (false: it already was) */
    record Acknowledgement(boolean acknowledged, AlertView alert) {
    }

    /** @param source where the list came from: {@code redis} (current copy), {@code postgres} or {@code memory} */
    record Active(Instant timestamp, int count, long acknowledgedCount, String source, List<AlertView> alerts) {

        Active {
            alerts = List.copyOf(alerts);
        }
    }

    /** @param total episodes matching the filter over all pages */
    record AlertPage(int page, int size, long total, List<AlertView> alerts) {

        AlertPage {
            alerts = List.copyOf(alerts);
        }
    }
}
