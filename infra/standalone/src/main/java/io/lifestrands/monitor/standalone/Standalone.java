package io.lifestrands.monitor.standalone;

import io.lifestrands.monitor.api.ApiApplication;
import io.lifestrands.monitor.collector.CollectorApplication;
import io.lifestrands.monitor.fleetsim.FleetReporting;
import io.lifestrands.monitor.fleetsim.FleetSim;
import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.EmbeddedPostgresServer;
import io.lifestrands.monitor.testkit.EmbeddedRedisServer;
import io.lifestrands.monitor.testkit.Ports;
import io.lifestrands.monitor.testkit.RestartableKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole monitor in one JVM: Kafka, PostgreSQL and Redis (embedded unless their URLs are given), the demo fleet,
 * the processor, the collector and the api. Parts stop in reverse order of start.
 */
public final class Standalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);
    static final List<String> FLEET = List.of("gateway", "model_service", "chat_service", "npc_service",
            "summary_service");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Path dataDir;
    private MonitorProcessor processor;
    private String bootstrap;
    private String databaseUrl;
    private String redisUrl;
    private FleetSim fleet;
    private int apiPort;
    private int collectorPort;

    /** Collector targets beyond the demo fleet's, each as its {@code monitor.collector.targets[i].*} properties. */
    private final List<Map<String, String>> extraTargets;

    private Standalone(List<Map<String, String>> extraTargets) {
        this.extraTargets = List.copyOf(extraTargets);
    }

    public static void main(String[] args) {
        Standalone system;
        try {
            system = start(StandaloneOptions.fromEnv(System.getenv(), args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a taken port or a bad variable: one line that says what to change, not a stack trace
            log.error("Cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "standalone-shutdown"));
        log.info("""

                ==================================================================
                 Life Strands monitor is running
                   dashboard and API   http://localhost:{}/
                   health              http://localhost:{}/health
                   metrics             http://localhost:{}/metrics
                   live feed           ws://localhost:{}/ws/monitor
                   push ingest         http://localhost:{}/ingest
                   Kafka               {}
                   data directory      {}
                 Ctrl-C stops everything; the next start continues from the data directory
                 (MONITOR_FRESH=true or --fresh starts from empty).
                ==================================================================""",
                system.apiPort, system.apiPort, system.apiPort, system.apiPort, system.collectorPort,
                system.bootstrap, system.dataDir);
    }

    /** Starts every part; on failure stops what was started and rethrows. */
    public static Standalone start(StandaloneOptions options) {
        return start(options, List.of());
    }

    /**
     * As {@link #start(StandaloneOptions)}, with collector targets beyond the demo fleet's (for tests: e.g. a target
     * whose host does not resolve).
     *
     * @param extraTargets each target's properties without the {@code monitor.collector.targets[i].} prefix
     */
    public static Standalone start(StandaloneOptions options, List<Map<String, String>> extraTargets) {
        Standalone system = new Standalone(extraTargets);
        try {
            checkPorts(options);
            system.prepareDataDir(options);
            system.startServers(options);
            system.startApps(options);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void prepareDataDir(StandaloneOptions options) {
        dataDir = options.dataDir().toAbsolutePath();
        if (options.fresh() && Files.exists(dataDir)) {
            log.warn("Starting from empty: deleting the data directory {}", dataDir);
            DataDirectory.delete(dataDir);
        }
        DataDirectory.create(dataDir);
        log.info("Data directory {}", dataDir);
    }

    /** Every fixed port this start would bind, checked before anything starts, so a clash is one clear line. */
    private static void checkPorts(StandaloneOptions options) {
        if (options.kafkaBootstrap() == null) {
            Ports.requireFree(options.kafkaPort(), "MONITOR_KAFKA_PORT");
        }
        Ports.requireFree(options.apiPort(), "MONITOR_API_PORT");
        Ports.requireFree(options.collectorPort(), "MONITOR_INGEST_PORT");
        if (options.fleetBasePort() > 0) {
            for (int i = 0; i < FLEET.size(); i++) {
                Ports.requireFree(options.fleetBasePort() + i, "MONITOR_DEMO_FLEET=false (demo service "
                        + FLEET.get(i) + ")");
            }
        }
    }

    private void startServers(StandaloneOptions options) {
        if (options.kafkaBootstrap() != null) {
            bootstrap = options.kafkaBootstrap();
        } else {
            log.info("Starting embedded Kafka (KRaft) on port {}", options.kafkaPort());
            RestartableKafka kafka = remember(RestartableKafka.open(dataDir.resolve("kafka"), options.kafkaPort()));
            bootstrap = kafka.bootstrapServers();
            log.info("Embedded Kafka at {}, cluster id {}", bootstrap, kafka.clusterId());
        }
        if (options.databaseUrl() != null) {
            databaseUrl = options.databaseUrl();
        } else {
            log.info("Starting embedded PostgreSQL");
            EmbeddedPostgresServer postgres = remember(EmbeddedPostgresServer.open(dataDir.resolve("postgres"), 0));
            databaseUrl = postgres.databaseUrl(postgres.createDatabase("monitor"));
        }
        if (options.redisUrl() != null) {
            redisUrl = options.redisUrl();
        } else {
            log.info("Starting embedded Redis");
            redisUrl = remember(EmbeddedRedisServer.start(0)).url();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Topics.createMissing(admin, (short) 1);
        }
    }

    private void startApps(StandaloneOptions options) {
        if (options.fleetBasePort() >= 0) {
            fleet = remember(FleetSim.start(options.fleetBasePort()));
            log.info("Demo fleet on ports {}..{}", fleet.port(FLEET.get(0)), fleet.port(FLEET.get(FLEET.size() - 1)));
        }
        Map<String, String> processorEnv = new HashMap<>(System.getenv());
        processorEnv.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        processorEnv.put("MONITOR_PROCESSOR_STATE_DIR", options.effectiveProcessorStateDir().toString());
        processor = remember(MonitorProcessor.startFromEnv(processorEnv));

        ConfigurableApplicationContext collector = remember(CollectorApplication.start(collectorProperties(options)));
        collectorPort = port(collector);
        if (fleet != null) {
            startFleetTraffic(options, collector);
        }
        Map<String, Object> apiProps = new HashMap<>(Map.of(
                "server.port", options.apiPort(),
                "monitor.api.bootstrap-servers", bootstrap,
                "monitor.api.database-url", databaseUrl,
                "monitor.api.redis-url", redisUrl,
                "monitor.api.debug.collector-urls", "http://localhost:" + collectorPort));
        if (options.apiToken() != null) {
            apiProps.put("monitor.api.auth.token", options.apiToken());
        }
        ConfigurableApplicationContext api = remember(ApiApplication.start(apiProps));
        apiPort = port(api);
    }

    /** The demo fleet's simulated users, and its reports of what it served to the collector just started. */
    private void startFleetTraffic(StandaloneOptions options, ConfigurableApplicationContext collector) {
        String token = collector.getEnvironment().getProperty("monitor.collector.ingest-token");
        fleet.startReporting(new FleetReporting("http://localhost:" + collectorPort, token,
                options.fleetExportInterval(), FleetReporting.DEFAULT_INGEST_INTERVAL, options.hostId()));
        if (options.fleetTrafficRate() > 0) {
            fleet.startTraffic(options.fleetTrafficRate());
        }
    }

    private Map<String, Object> collectorProperties(StandaloneOptions options) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", options.collectorPort());
        props.put("monitor.collector.bootstrap-servers", bootstrap);
        props.put("monitor.collector.host-id", options.hostId());
        // a list set in a higher-priority source replaces the whole list, so name every target
        for (int i = 0; i < FLEET.size(); i++) {
            String service = FLEET.get(i);
            target(props, i, service, "model_service".equals(service) ? "model" : "http");
            props.put(target(i) + "url", fleet != null ? fleet.baseUrl(service) : "http://localhost:" + (8000 + i));
            props.put(target(i) + "interval", "5s");
        }
        int next = FLEET.size();
        target(props, next, "postgres", "postgres");
        props.put(target(next) + "connection", databaseUrl);
        target(props, next + 1, "redis", "redis");
        props.put(target(next + 1) + "connection", redisUrl);
        props.put(target(next + 1) + "queues", "summary_queue");
        target(props, next + 2, "kafka", "kafka");
        props.put(target(next + 2) + "connection", bootstrap);
        props.put(target(next + 2) + "groups", ProcessorSettings.DEFAULT_APPLICATION_ID);
        props.put(target(next + 3) + "kind", "system");
        for (int i = 0; i < extraTargets.size(); i++) {
            int index = next + 4 + i;
            extraTargets.get(i).forEach((key, value) -> props.put(target(index) + key, value));
        }
        return props;
    }

    private static void target(Map<String, Object> props, int index, String id, String kind) {
        props.put(target(index) + "id", id);
        props.put(target(index) + "kind", kind);
    }

    private static String target(int index) {
        return "monitor.collector.targets[" + index + "].";
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public int apiPort() {
        return apiPort;
    }

    public int collectorPort() {
        return collectorPort;
    }

    /** The state of the processor's Streams client. */
    public KafkaStreams.State processorState() {
        return processor.state();
    }

    public Path dataDir() {
        return dataDir;
    }

    public FleetSim fleet() {
        return fleet;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.push(part);
        return part;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", part.getClass().getSimpleName(), e);
            }
        }
    }
}
