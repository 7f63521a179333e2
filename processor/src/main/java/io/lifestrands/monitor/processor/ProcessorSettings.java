package io.lifestrands.monitor.processor;

import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Settings of the processor application; {@link #toProperties()} is the one place Streams configuration comes from.
 *
 * @param bootstrapServers    Kafka {@code host:port} list
 * @param applicationId       Streams application id: consumer group and prefix of internal topics
 * @param stateDir            directory of the local state stores
 * @param windowGrace         how long after its end a window still accepts samples, by wall clock
 * @param punctuationInterval how often due windows are closed, by wall clock
 * @param replicationFactor   replication of new topics and internal topics; -1 = the broker's default
 * @param numStandbyReplicas  warm copies of each store on other instances
 * @param commitInterval      transaction commit interval: the delay before read_committed consumers see results
 */
public record ProcessorSettings(String bootstrapServers, String applicationId, Path stateDir, Duration windowGrace,
                                Duration punctuationInterval, short replicationFactor, int numStandbyReplicas,
                                Duration commitInterval) {

    public static final String DEFAULT_APPLICATION_ID = "monitor-processor";
    public static final Duration DEFAULT_WINDOW_GRACE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9._\\-]{1,200}");

    public ProcessorSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must not be blank, was '" + bootstrapServers
                    + "'");
        }
        if (applicationId == null || !APPLICATION_ID.matcher(applicationId).matches()) {
            throw new IllegalArgumentException("MONITOR_PROCESSOR_APP_ID must match " + APPLICATION_ID.pattern()
                    + ", was '" + applicationId + "'");
        }
        if (stateDir == null) {
            throw new IllegalArgumentException("MONITOR_PROCESSOR_STATE_DIR is required, was null");
        }
        positive("MONITOR_WINDOW_GRACE", windowGrace, true);
        positive("MONITOR_PUNCTUATION_INTERVAL", punctuationInterval, false);
        positive("MONITOR_PROCESSOR_COMMIT_INTERVAL", commitInterval, false);
        if (replicationFactor != -1 && replicationFactor < 1) {
            throw new IllegalArgumentException("MONITOR_PROCESSOR_REPLICATION_FACTOR must be -1 or >= 1, was "
                    + replicationFactor);
        }
        if (numStandbyReplicas < 0) {
            throw new IllegalArgumentException("MONITOR_PROCESSOR_STANDBY_REPLICAS must be >= 0, was "
                    + numStandbyReplicas);
        }
    }

    /** Settings with the defaults for everything but the broker address. */
    public static ProcessorSettings defaults(String bootstrapServers) {
        return new ProcessorSettings(bootstrapServers, DEFAULT_APPLICATION_ID, defaultStateDir(),
                DEFAULT_WINDOW_GRACE, DEFAULT_PUNCTUATION_INTERVAL, (short) -1, 0, DEFAULT_COMMIT_INTERVAL);
    }

    /**
     * Reads the settings from environment variables: {@code KAFKA_BOOTSTRAP_SERVERS} (localhost:9092),
     * {@code MONITOR_PROCESSOR_APP_ID} (monitor-processor), {@code MONITOR_PROCESSOR_STATE_DIR} (tmp dir),
     * {@code MONITOR_WINDOW_GRACE} (10s), {@code MONITOR_PUNCTUATION_INTERVAL} (1s),
     * {@code MONITOR_PROCESSOR_REPLICATION_FACTOR} (-1, the broker's default),
     * {@code MONITOR_PROCESSOR_STANDBY_REPLICAS} (0), {@code MONITOR_PROCESSOR_COMMIT_INTERVAL} (100ms).
     *
     * @throws IllegalArgumentException naming the variable and its value when one is invalid
     */
    public static ProcessorSettings fromEnv(Map<String, String> env) {
        return new ProcessorSettings(
                env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
                env.getOrDefault("MONITOR_PROCESSOR_APP_ID", DEFAULT_APPLICATION_ID),
                parse(env, "MONITOR_PROCESSOR_STATE_DIR", Path::of, defaultStateDir()),
                parse(env, "MONITOR_WINDOW_GRACE", Json::parseDuration, DEFAULT_WINDOW_GRACE),
                parse(env, "MONITOR_PUNCTUATION_INTERVAL", Json::parseDuration, DEFAULT_PUNCTUATION_INTERVAL),
                parse(env, "MONITOR_PROCESSOR_REPLICATION_FACTOR", Short::parseShort, (short) -1),
                parse(env, "MONITOR_PROCESSOR_STANDBY_REPLICAS", Integer::parseInt, 0),
                parse(env, "MONITOR_PROCESSOR_COMMIT_INTERVAL", Json::parseDuration, DEFAULT_COMMIT_INTERVAL));
    }

    /** This application with another id and state directory, e.g. for a second instance or a test. */
    public ProcessorSettings withApplication(String newApplicationId, Path newStateDir) {
        return new ProcessorSettings(bootstrapServers, newApplicationId, newStateDir, windowGrace,
                punctuationInterval, replicationFactor, numStandbyReplicas, commitInterval);
    }

    /** This application with another window grace. */
    public ProcessorSettings withWindowGrace(Duration newWindowGrace) {
        return new ProcessorSettings(bootstrapServers, applicationId, stateDir, newWindowGrace, punctuationInterval,
                replicationFactor, numStandbyReplicas, commitInterval);
    }

    /** The Kafka Streams configuration; tests build their TopologyTestDriver from it too. */
    public Properties toProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // each window must be emitted exactly once, also when an instance is killed mid-commit (QUALITY R1)
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // EOS commits a transaction per interval: it bounds how late read_committed readers see a window
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        // changelogs must survive a broker loss in production; -1 follows the broker's default.replication.factor
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(numStandbyReplicas));
        // samples are read as bytes and validated in the topology (bad ones go to the DLQ); anything else that
        // fails to deserialize is logged and counted in dropped-records instead of killing the stream thread
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        // internal topic names are part of the upgrade contract: refuse to start with a generated one
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // no default serdes on purpose: every source, sink and store names its serde from Topics, so a forgotten
        // one fails at start-up instead of writing the wrong format. Production errors stay fatal (the default):
        // skipping a failed send would lose a window; the uncaught-exception handler replaces the thread instead.
        return props;
    }

    private static Path defaultStateDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "monitor-processor-state");
    }

    private static <T> T parse(Map<String, String> env, String key, Function<String, T> parser, T fallback) {
        String text = env.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " is invalid, was '" + text + "': " + e.getMessage(), e);
        }
    }

    private static void positive(String key, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(key + " must be " + (zeroAllowed ? ">= 0" : "> 0") + ", was " + value);
        }
    }
}
