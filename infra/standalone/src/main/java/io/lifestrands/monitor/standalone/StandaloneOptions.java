package io.lifestrands.monitor.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;
import java.util.UUID;

/**
 * Where the standalone system listens and which real servers replace the embedded ones.
 *
 * @param kafkaBootstrap   external Kafka ({@code KAFKA_BOOTSTRAP_SERVERS}), or null to embed one on {@code kafkaPort}
 * @param databaseUrl      external PostgreSQL ({@code DATABASE_URL}), or null to embed one
 * @param redisUrl         external Redis ({@code REDIS_URL}), or null to embed one
 * @param kafkaPort        port of the embedded broker (9092 so any Kafka client can attach; 0 = free port)
 * @param apiPort          api HTTP port (8005; 0 = free port)
 * @param collectorPort    collector ingest port (8006; 0 = free port)
 * @param fleetBasePort    first port of the demo fleet (8000..8004; 0 = free ports), or -1 for no demo fleet
 * @param hostId           host id the collector stamps on samples
 * @param apiToken         operator token of the api, or null for the api's own ({@code MONITOR_API_TOKEN}, else
 *                         generated and written to its token file)
 * @param processorStateDir state directory of the processor, or null for {@code MONITOR_PROCESSOR_STATE_DIR}
 */
public record StandaloneOptions(String kafkaBootstrap, String databaseUrl, String redisUrl, int kafkaPort,
                                int apiPort, int collectorPort, int fleetBasePort, String hostId, String apiToken,
                                Path processorStateDir) {

    /** The defaults of DESIGN.md, overridden by the environment. */
    public static StandaloneOptions fromEnv(Map<String, String> env) {
        return new StandaloneOptions(
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("DATABASE_URL")),
                blankToNull(env.get("REDIS_URL")),
                9092,
                Integer.parseInt(env.getOrDefault("MONITOR_API_PORT", "8005")),
                Integer.parseInt(env.getOrDefault("MONITOR_INGEST_PORT", "8006")),
                Boolean.parseBoolean(env.getOrDefault("MONITOR_DEMO_FLEET", "true")) ? 8000 : -1,
                env.getOrDefault("MONITOR_HOST_ID", "standalone"),
                null,
                null);
    }

    /** Everything on free ports with every server embedded: for tests beside a running system. */
    public static StandaloneOptions ephemeral() {
        try {
            // a fresh state directory: a second system in the same JVM must not restore the first one's windows
            return new StandaloneOptions(null, null, null, 0, 0, 0, 0, "standalone-test",
                    UUID.randomUUID().toString(), Files.createTempDirectory("monitor-processor-state-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a processor state directory", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
