package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances of the processor application {@code /health} checks ({@code monitor.api.processor-application-id}),
 * as their heartbeats on {@code monitor.processor-health.v1} describe them; heartbeats of other applications on the
 * same topic are ignored.
 */
@Component
public class ProcessorHeartbeats {

    private final String applicationId;
    private final Map<String, InstanceHeartbeat> instances = new ConcurrentHashMap<>();

    public ProcessorHeartbeats(ApiSettings settings) {
        this.applicationId = settings.processorApplicationId();
    }

    void apply(ProcessorHeartbeat heartbeat) {
        if (applicationId.equals(heartbeat.applicationId())) {
            instances.compute(heartbeat.instance(), (instance, previous) ->
                    InstanceHeartbeat.next(previous, heartbeat));
        }
    }

    /** A tombstone: the instance is gone for good. */
    void remove(String instance) {
        instances.remove(instance);
    }

    /** Every instance heard from since the api started (which re-reads the topic), by instance id; empty when none. */
    public List<InstanceHeartbeat> instances() {
        return instances.values().stream()
                .sorted(Comparator.comparing(instance -> instance.latest().instance()))
                .toList();
    }
}
