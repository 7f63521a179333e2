package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.state.RedisLiveStore;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The api's one model of the active alerts: the open episodes (pending and firing) from the live consumer's
 * transitions and the acknowledgements, seeded at start with the firing episodes in PostgreSQL (older than the
 * consumer's look-back). The WebSocket snapshot and {@code alert} messages, {@code GET /alerts} and the Redis copy
 * {@value #REDIS_KEY} (the firing ones, critical first, at most {@link #MAX_ACTIVE}) all read it.
 *
 * <p>{@code GET /alerts} (firing) answers from the Redis copy while it reflects every change this api knows of, else
 * from PostgreSQL, and from the last Redis copy when PostgreSQL is down, as documented; the other states from memory.
 */
@Component
public class ActiveAlerts implements SmartLifecycle {

    public static final String REDIS_KEY = "monitor:alerts:active";
    public static final int MAX_ACTIVE = 10_000;
    static final Duration TTL = Duration.ofSeconds(120);
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ActiveAlerts.class);
    private static final TypeReference<List<AlertView>> LIST = new TypeReference<>() { };

    private final ActiveAlertSet alerts = new ActiveAlertSet();
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    /** Held while a change is made and told, so listeners hear the changes in the order they were made. */
    private final Object changing = new Object();
    private final AlertStore store;
    private final RedisLiveStore.Mirror mirror;
    private volatile boolean running;

    public ActiveAlerts(AlertStore store, RedisLiveStore redis) {
        this.store = store;
        this.mirror = redis.mirror(REDIS_KEY, TTL, REFRESH, this::firingInMemory);
    }

    /** Adds a listener of every later change. */
    public void listen(AlertListener listener) {
        listeners.add(listener);
    }

    /** Takes one transition of {@code monitor.alerts.v1}; a replayed older one changes nothing. */
    public void apply(AlertEvent event) {
        synchronized (changing) {
            alerts.apply(event).ifPresent(view -> {
                mirror.changed();
                listeners.forEach(listener -> listener.alertChanged(view));
            });
        }
    }

    /**
     * Takes an acknowledgement (recorded by this api, or by another one and read from Kafka); the first one of an
     * open episode is told to the listeners, a repeat changes nothing.
     */
    @EventListener
    public void acknowledge(AlertAcknowledged ack) {
        synchronized (changing) {
            alerts.acknowledge(ack).ifPresent(view -> {
                mirror.changed();
                listeners.forEach(listener -> listener.alertAcknowledged(ack, view));
            });
        }
    }

    /** PostgreSQL holds a change (a transition, an acknowledgement) the Redis copy may not show yet. */
    public void storeChanged() {
        mirror.changed();
    }

    /** The open episodes (pending and firing), most severe first, then newest first. */
    public List<AlertView> open() {
        return alerts.open();
    }

    /** What the Redis copy holds: the firing episodes of this model, at most {@link #MAX_ACTIVE}. */
    private List<AlertView> firingInMemory() {
        return open().stream().filter(AlertView::firing).limit(MAX_ACTIVE).toList();
    }

    /**
     * The firing episodes and where they came from: the Redis copy of this model while it is current, else
     * PostgreSQL, else the last Redis copy.
     *
     * @throws DataAccessException when PostgreSQL is down and Redis holds no copy
     */
    public Listing firing() {
        Optional<List<AlertView>> cached = mirror.current().flatMap(ActiveAlerts::parse);
        if (cached.isPresent()) {
            return new Listing(cached.get(), "redis");
        }
        try {
            return new Listing(store.active(MAX_ACTIVE), "postgres");
        } catch (DataAccessException e) {
            return mirror.any().flatMap(ActiveAlerts::parse).map(alerts -> new Listing(alerts, "redis"))
                    .orElseThrow(() -> e);
        }
    }

    private static Optional<List<AlertView>> parse(String json) {
        try {
            return Optional.of(Json.MAPPER.readValue(json, LIST));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Seeds the model with the firing episodes PostgreSQL holds, before the live consumer starts. */
    @Override
    public void start() {
        try {
            List<AlertView> stored = store.active(MAX_ACTIVE);
            synchronized (changing) {
                stored.forEach(alerts::seed);
            }
            mirror.changed();
        } catch (DataAccessException e) {
            log.warn("Could not read the firing alerts from PostgreSQL; the live consumer's look-back alone "
                    + "rebuilds them: {}", e.toString());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the consumers (default phase), so a transition they read is never overwritten by an older seed
        return DEFAULT_PHASE - 200;
    }

    /** @param source {@code redis}, {@code postgres} or {@code memory} */
    public record Listing(List<AlertView> alerts, String source) {

        public Listing {
            alerts = List.copyOf(alerts);
        }
    }
}
