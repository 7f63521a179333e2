package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.collector.config.Target;
import org.springframework.stereotype.Component;

import java.net.http.HttpClient;
import java.nio.file.Path;

/** Builds the probe of each configured target kind. */
@Component
public class ProbeFactory {

    private final String host;
    private final JsonHttp http;

    public ProbeFactory(CollectorSettings settings, HttpClient probeHttpClient) {
        this.host = settings.hostId();
        this.http = new JsonHttp(probeHttpClient);
    }

    /**
     * The probe for {@code target}; all state it needs (OSHI handles, the CPU tick baseline) starts here.
     *
     * @throws IllegalArgumentException when a metric source of the target does not parse, naming it
     */
    public Probe create(Target target) {
        return switch (target.kind()) {
            case HTTP -> new HttpProbe(host, target, target.resolve(target.path()), http);
            case MODEL -> new ModelProbe(target, new HttpProbe(host, target, target.resolve("/health"), http), http);
            case SYSTEM -> new SystemProbe(host, target, Path.of("").toAbsolutePath(),
                    NvidiaSmi.onPath(System.getenv("PATH")));
            case POSTGRES -> new PostgresProbe(host, target);
            case REDIS -> new RedisProbe(host, target);
            case KAFKA -> new KafkaProbe(host, target);
            case PROMETHEUS -> new PrometheusProbe(host, target, http);
        };
    }
}
