package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.collector.CollectorApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

/** The project's applications started in the benchmark's JVM on free ports. */
final class Apps {

    private Apps() {
    }

    /** A collector on a free port whose only target is the host probe once an hour: /ingest carries the load. */
    static ConfigurableApplicationContext collector(String bootstrap) {
        return collector(bootstrap, Map.of("monitor.collector.targets[0].kind", "system",
                "monitor.collector.targets[0].interval", "1h"));
    }

    /** A collector on a free port with the given target properties ({@code monitor.collector.targets[i].*}). */
    static ConfigurableApplicationContext collector(String bootstrap, Map<String, Object> targets) {
        Map<String, Object> props = new HashMap<>(targets);
        props.put("server.port", 0);
        props.put("monitor.collector.bootstrap-servers", bootstrap);
        props.put("monitor.collector.host-id", "bench-host");
        props.put("monitor.collector.ingest-token", "");
        return CollectorApplication.start(props);
    }

    static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}
