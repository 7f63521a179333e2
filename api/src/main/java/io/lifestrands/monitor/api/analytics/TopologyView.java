package io.lifestrands.monitor.api.analytics;

import io.lifestrands.monitor.schema.ServiceGraph;
import io.lifestrands.monitor.api.state.LiveState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** The one service graph ({@link ServiceGraph}, as the processor's inhibition uses it) with each service's status. */
@Component
@EnableConfigurationProperties(TopologySettings.class)
class TopologyView {

    private final TopologySettings settings;
    private final LiveState state;
    private final Clock clock;

    TopologyView(TopologySettings settings, LiveState state, Clock clock) {
        this.settings = settings;
        this.state = state;
        this.clock = clock;
    }

    Topology current() {
        ServiceGraph graph = settings.serviceGraph();
        SortedSet<String> ids = new TreeSet<>(state.services());
        graph.dependsOn().forEach((service, calls) -> {
            ids.add(service);
            ids.addAll(calls);
        });
        List<Topology.Node> nodes = new ArrayList<>();
        List<Topology.Edge> edges = new ArrayList<>();
        for (String id : ids) {
            List<String> dependsOn = graph.callsOf(id);
            List<String> dependents = graph.dependsOn().entrySet().stream().filter(e -> e.getValue().contains(id))
                    .map(Map.Entry::getKey).sorted().toList();
            nodes.add(new Topology.Node(id, status(id), dependsOn, dependents));
            dependsOn.forEach(target -> edges.add(new Topology.Edge(id, target, status(target))));
        }
        return new Topology(clock.instant(), nodes, edges);
    }

    private String status(String service) {
        return state.health(service).status();
    }

    /** Body of {@code GET /topology}. */
    record Topology(Instant timestamp, List<Node> services, List<Edge> edges) {

        Topology {
            services = List.copyOf(services);
            edges = List.copyOf(edges);
        }

        /** @param status {@code up}, {@code degraded}, {@code down} or {@code unknown} */
        record Node(String id, String status, List<String> dependsOn, List<String> dependents) {
        }

        /** {@code from} calls {@code to}; {@code status} is the status of {@code to}. */
        record Edge(String from, String to, String status) {
        }
    }
}
