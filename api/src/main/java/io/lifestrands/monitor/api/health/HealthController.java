package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.consume.PipelineStats;
import io.lifestrands.monitor.api.live.LiveState;
import io.lifestrands.monitor.api.live.ServiceHealth;
import io.lifestrands.monitor.api.system.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@code /health}: the api's own health, and the current health of the monitored services. */
@RestController
class HealthController {

    static final String SERVICE_NAME = "monitor";

    private final DependencyMonitor dependencies;
    private final PipelineStats pipeline;
    private final LiveState state;
    private final Clock clock;

    HealthController(DependencyMonitor dependencies, PipelineStats pipeline, LiveState state, Clock clock) {
        this.dependencies = dependencies;
        this.pipeline = pipeline;
        this.state = state;
        this.clock = clock;
    }

    @GetMapping("/health")
    ApiHealth health() {
        Map<String, DependencyHealth> latest = dependencies.latest();
        Map<String, Integer> retrying = pipeline.retryingConsumers();
        boolean healthy = latest.values().stream().allMatch(DependencyHealth::up) && retrying.isEmpty();
        return new ApiHealth(healthy ? "healthy" : "degraded", SERVICE_NAME, clock.instant(), new TreeMap<>(latest),
                new ApiHealth.Pipeline(pipeline.lastMetricAt(), pipeline.lastStatusAt(), pipeline.poisonRecords(),
                        retrying));
    }

    @GetMapping("/health/services")
    ServicesHealth services() {
        return new ServicesHealth(clock.instant(), state.healthOfAll());
    }

    @GetMapping("/health/{service}")
    ServiceHealth service(@PathVariable String service) {
        if (!state.knows(service)) {
            throw new NotFoundException("unknown service '" + service + "'");
        }
        return state.health(service);
    }

    /** Body of {@code GET /health/services}: every known service keyed by id. */
    record ServicesHealth(Instant timestamp, SortedMap<String, ServiceHealth> services) {
    }
}
