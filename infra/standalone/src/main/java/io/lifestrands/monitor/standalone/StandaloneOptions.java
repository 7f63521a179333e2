package io.lifestrands.monitor.standalone;

import io.lifestrands.monitor.fleetsim.FleetReporting;
import io.lifestrands.monitor.fleetsim.FleetSim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Where the standalone system listens, where it keeps its data and which real servers replace the embedded ones.
 *
 * @param kafkaBootstrap    external Kafka ({@code KAFKA_BOOTSTRAP_SERVERS}), or null to embed one on {@code kafkaPort}
 * @param databaseUrl       external PostgreSQL ({@code DATABASE_URL}), or null to embed one
 * @param redisUrl          external Redis ({@code REDIS_URL}), or null to embed one
 * @param kafkaPort         port of the embedded broker (9092 so any Kafka client can attach; 0 = free port)
 * @param apiPort           api HTTP port (8005; 0 = free port)
 * @param collectorPort     collector ingest port (8006; 0 = free port)
 * @param fleetBasePort     first port of the demo fleet (8000..8004; 0 = free ports), or -1 for no demo fleet
 * @param hostId            host id the collector stamps on samples
 * @param apiToken          operator token of the api, or null for the api's own ({@code MONITOR_API_TOKEN}, else
 *                          generated and written to its token file)
 * @param dataDir           the one directory of the embedded Kafka log ({@code kafka/}), the embedded PostgreSQL data
 *                          ({@code postgres/}) and the processor's state ({@code processor/})
 * @param fresh             whether to delete {@code dataDir} first and start from empty
 * @param processorStateDir state directory of the processor, or null for {@code dataDir/processor}
 * @param fleetTrafficRate  simulated users' requests per second per demo service ({@code MONITOR_FLEET_TRAFFIC_RATE},
 *                          default 2; 0 = none)
 * @param fleetExportInterval how often the demo services export their traffic to the collector
 *                          ({@code MONITOR_FLEET_EXPORT_INTERVAL}, default 10 s)
 */
public record StandaloneOptions(String kafkaBootstrap, String databaseUrl, String redisUrl, int kafkaPort,
                                int apiPort, int collectorPort, int fleetBasePort, String hostId, String apiToken,
                                Path dataDir, boolean fresh, Path processorStateDir, double fleetTrafficRate,
                                Duration fleetExportInterval) {

    /** Default data directory: {@code ~/.lifestrands-monitor/data}. */
    public static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("user.home"), ".lifestrands-monitor",
            "data");
    /** Tests see the demo services' traffic sooner than an operator's default of 10 s would show it. */
    static final Duration TEST_EXPORT_INTERVAL = Duration.ofSeconds(5);

    public StandaloneOptions {
        if (dataDir == null) {
            throw new IllegalArgumentException("a data directory is required");
        }
        if (!(fleetTrafficRate >= 0)) {
            throw new IllegalArgumentException("fleetTrafficRate must be >= 0, was " + fleetTrafficRate);
        }
        if (fleetExportInterval == null || fleetExportInterval.isNegative() || fleetExportInterval.isZero()) {
            throw new IllegalArgumentException("fleetExportInterval must be > 0, was " + fleetExportInterval);
        }
    }

    /**
     * The defaults of docs/architecture.md, overridden by the environment ({@code MONITOR_DATA_DIR},
     * {@code MONITOR_FRESH}, {@code MONITOR_KAFKA_PORT}, {@code MONITOR_API_PORT}, {@code MONITOR_INGEST_PORT},
     * {@code MONITOR_DEMO_FLEET}, {@code MONITOR_HOST_ID}, {@code MONITOR_FLEET_TRAFFIC_RATE},
     * {@code MONITOR_FLEET_EXPORT_INTERVAL}, the servers' URLs) and the argument {@code --fresh}.
     *
     * @throws IllegalArgumentException naming the variable when a value is not usable
     */
    public static StandaloneOptions fromEnv(Map<String, String> env, String... args) {
        boolean fresh = Boolean.parseBoolean(env.getOrDefault("MONITOR_FRESH", "false"));
        for (String arg : args) {
            if ("--fresh".equals(arg)) {
                fresh = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + " (the only one is --fresh)");
            }
        }
        String dataDir = blankToNull(env.get("MONITOR_DATA_DIR"));
        String stateDir = blankToNull(env.get("MONITOR_PROCESSOR_STATE_DIR"));
        return new StandaloneOptions(
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("DATABASE_URL")),
                blankToNull(env.get("REDIS_URL")),
                port(env, "MONITOR_KAFKA_PORT", 9092),
                port(env, "MONITOR_API_PORT", 8005),
                port(env, "MONITOR_INGEST_PORT", 8006),
                Boolean.parseBoolean(env.getOrDefault("MONITOR_DEMO_FLEET", "true")) ? 8000 : -1,
                env.getOrDefault("MONITOR_HOST_ID", "standalone"),
                null,
                dataDir == null ? DEFAULT_DATA_DIR : Path.of(dataDir),
                fresh,
                stateDir == null ? null : Path.of(stateDir),
                FleetSim.trafficRate(env),
                FleetReporting.fromEnv(env).exportInterval());
    }

    /** Everything on free ports, every server embedded, a new temporary data directory: for tests. */
    public static StandaloneOptions ephemeral() {
        try {
            return onDataDir(Files.createTempDirectory("monitor-data-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory", e);
        }
    }

    /** Like {@link #ephemeral()} on a given data directory, kept between starts: for restart tests. */
    public static StandaloneOptions onDataDir(Path dataDir) {
        return new StandaloneOptions(null, null, null, 0, 0, 0, 0, "standalone-test", UUID.randomUUID().toString(),
                dataDir, false, null, FleetSim.DEFAULT_REQUESTS_PER_SECOND, TEST_EXPORT_INTERVAL);
    }

    /** The same options with another operator token. */
    public StandaloneOptions withApiToken(String token) {
        return new StandaloneOptions(kafkaBootstrap, databaseUrl, redisUrl, kafkaPort, apiPort, collectorPort,
                fleetBasePort, hostId, token, dataDir, fresh, processorStateDir, fleetTrafficRate,
                fleetExportInterval);
    }

    /** The same options with another embedded broker port. */
    public StandaloneOptions withKafkaPort(int port) {
        return new StandaloneOptions(kafkaBootstrap, databaseUrl, redisUrl, port, apiPort, collectorPort,
                fleetBasePort, hostId, apiToken, dataDir, fresh, processorStateDir, fleetTrafficRate,
                fleetExportInterval);
    }

    /** The processor's state directory: the given one, else {@code dataDir/processor}. */
    public Path effectiveProcessorStateDir() {
        return processorStateDir != null ? processorStateDir : dataDir.resolve("processor");
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), was " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
