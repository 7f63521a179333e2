package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.api.live.RedisLiveStore;
import io.lifestrands.monitor.schema.json.Json;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The firing alerts with their acknowledgements, mirrored in Redis under {@value #REDIS_KEY} (a JSON array, critical
 * first, at most {@link #MAX_ACTIVE}). Answers from Redis while its copy is current, else from PostgreSQL, and from
 * the last Redis copy when PostgreSQL is down.
 */
@Component
public class ActiveAlerts {

    public static final String REDIS_KEY = "monitor:alerts:active";
    public static final int MAX_ACTIVE = 10_000;
    static final Duration TTL = Duration.ofSeconds(120);
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final TypeReference<List<AlertView>> LIST = new TypeReference<>() { };

    private final AlertStore store;
    private final RedisLiveStore.Mirror mirror;

    public ActiveAlerts(AlertStore store, RedisLiveStore redis) {
        this.store = store;
        this.mirror = redis.mirror(REDIS_KEY, TTL, REFRESH, () -> store.active(MAX_ACTIVE));
    }

    /** An alert episode changed in PostgreSQL (a transition stored, an acknowledgement recorded). */
    public void changed() {
        mirror.changed();
    }

    /**
     * @return the firing alerts and where they came from
     * @throws DataAccessException when PostgreSQL is down and Redis holds no copy
     */
    public Listing list() {
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

    /** @param source {@code redis} or {@code postgres} */
    public record Listing(List<AlertView> alerts, String source) {

        public Listing {
            alerts = List.copyOf(alerts);
        }
    }
}
