package io.lifestrands.monitor.processor;

import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * @param liveInterval        how often changed live views ({@code live1m}, {@code live5m}) and running business
 *                            days are emitted
 * @param statusInterval      the probe interval ({@code MONITORING_INTERVAL}): a service is {@code unknown} after
 *                            3 intervals without a probe; the quorum counts collectors heard from in the last one
 * @param statusQuorum        how many collectors must see a service down for it to be {@code down}; 0 = majority
 * @param processingGuarantee {@code exactly_once_v2} (default) or {@code at_least_once}
 * @param sessionTimeout      how long a silent instance keeps its tasks before they move to another instance
 * @param rocksDbMemoryBytes  block cache + memtables shared by all RocksDB stores of this JVM
 * @param inMemoryStores      keep the logged stores in memory instead of RocksDB: no local disk state, so every
 *                            start restores from the changelogs (small deployments, tests)
 */
public record ProcessorSettings(String bootstrapServers, String applicationId, Path stateDir, Duration windowGrace,
                                Duration punctuationInterval, short replicationFactor, int numStandbyReplicas,
                                Duration commitInterval, Duration liveInterval, Duration statusInterval,
                                int statusQuorum, String processingGuarantee, Duration sessionTimeout,
                                long rocksDbMemoryBytes, boolean inMemoryStores) {

    public static final String DEFAULT_APPLICATION_ID = "monitor-processor";
    public static final Duration DEFAULT_WINDOW_GRACE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    /** 1 s, not the 5 s the issue allows: a sample must reach a dashboard within 2 s (QUALITY P5). */
    public static final Duration DEFAULT_LIVE_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(30);
    /**
     * Kafka's consumer default is 45 s: a SIGKILLed instance would keep its tasks that long, far beyond the default
     * window grace (10 s), and its samples would then be dead-lettered as late (docs/reliability.md, Findings).
     * 10 s is about the broker's minimum (6 s) plus headroom for GC pauses on a loaded host, with 3 heartbeats in it.
     */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_ROCKSDB_MEMORY_BYTES = 64L * 1024 * 1024;
    private static final Set<String> GUARANTEES = Set.of(StreamsConfig.EXACTLY_ONCE_V2,
            StreamsConfig.AT_LEAST_ONCE);

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
        positive("MONITOR_LIVE_INTERVAL", liveInterval, false);
        positive("MONITORING_INTERVAL", statusInterval, false);
        positive("MONITOR_PROCESSOR_SESSION_TIMEOUT", sessionTimeout, false);
        if (statusQuorum < 0) {
            throw new IllegalArgumentException("MONITOR_STATUS_QUORUM must be >= 0 (0 = majority), was "
                    + statusQuorum);
        }
        if (!GUARANTEES.contains(processingGuarantee)) {
            throw new IllegalArgumentException("MONITOR_PROCESSING_GUARANTEE must be one of " + GUARANTEES
                    + ", was '" + processingGuarantee + "'");
        }
        if (rocksDbMemoryBytes < 1024 * 1024) {
            throw new IllegalArgumentException("MONITOR_ROCKSDB_MEMORY_BYTES must be >= 1048576, was "
                    + rocksDbMemoryBytes);
        }
    }

    /** Settings with the defaults for everything but the broker address. */
    public static ProcessorSettings defaults(String bootstrapServers) {
        return new ProcessorSettings(bootstrapServers, DEFAULT_APPLICATION_ID, defaultStateDir(),
                DEFAULT_WINDOW_GRACE, DEFAULT_PUNCTUATION_INTERVAL, (short) -1, 0, DEFAULT_COMMIT_INTERVAL,
                DEFAULT_LIVE_INTERVAL, DEFAULT_STATUS_INTERVAL, 0, StreamsConfig.EXACTLY_ONCE_V2,
                DEFAULT_SESSION_TIMEOUT, DEFAULT_ROCKSDB_MEMORY_BYTES, false);
    }

    /**
     * Reads the settings from environment variables: {@code KAFKA_BOOTSTRAP_SERVERS} (localhost:9092),
     * {@code MONITOR_PROCESSOR_APP_ID} (monitor-processor), {@code MONITOR_PROCESSOR_STATE_DIR} (tmp dir),
     * {@code MONITOR_WINDOW_GRACE} (10s), {@code MONITOR_PUNCTUATION_INTERVAL} (1s),
     * {@code MONITOR_PROCESSOR_REPLICATION_FACTOR} (-1, the broker's default),
     * {@code MONITOR_PROCESSOR_STANDBY_REPLICAS} (0), {@code MONITOR_PROCESSOR_COMMIT_INTERVAL} (100ms),
     * {@code MONITOR_LIVE_INTERVAL} (1s), {@code MONITORING_INTERVAL} (30s), {@code MONITOR_STATUS_QUORUM}
     * (0 = majority), {@code MONITOR_PROCESSING_GUARANTEE} (exactly_once_v2),
     * {@code MONITOR_PROCESSOR_SESSION_TIMEOUT} (10s), {@code MONITOR_ROCKSDB_MEMORY_BYTES} (64 MiB),
     * {@code MONITOR_PROCESSOR_IN_MEMORY_STORES} (false).
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
                parse(env, "MONITOR_PROCESSOR_COMMIT_INTERVAL", Json::parseDuration, DEFAULT_COMMIT_INTERVAL),
                parse(env, "MONITOR_LIVE_INTERVAL", Json::parseDuration, DEFAULT_LIVE_INTERVAL),
                parse(env, "MONITORING_INTERVAL", Json::parseDuration, DEFAULT_STATUS_INTERVAL),
                parse(env, "MONITOR_STATUS_QUORUM", Integer::parseInt, 0),
                env.getOrDefault("MONITOR_PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2),
                parse(env, "MONITOR_PROCESSOR_SESSION_TIMEOUT", Json::parseDuration, DEFAULT_SESSION_TIMEOUT),
                parse(env, "MONITOR_ROCKSDB_MEMORY_BYTES", Long::parseLong, DEFAULT_ROCKSDB_MEMORY_BYTES),
                parse(env, "MONITOR_PROCESSOR_IN_MEMORY_STORES", ProcessorSettings::parseBoolean, false));
    }

    /** This application with another id and state directory, e.g. for a second instance or a test. */
    public ProcessorSettings withApplication(String newApplicationId, Path newStateDir) {
        return new ProcessorSettings(bootstrapServers, newApplicationId, newStateDir, windowGrace,
                punctuationInterval, replicationFactor, numStandbyReplicas, commitInterval, liveInterval,
                statusInterval, statusQuorum, processingGuarantee, sessionTimeout, rocksDbMemoryBytes,
                inMemoryStores);
    }

    /** This application with another live-view cadence. */
    public ProcessorSettings withLiveInterval(Duration newLiveInterval) {
        return new ProcessorSettings(bootstrapServers, applicationId, stateDir, windowGrace, punctuationInterval,
                replicationFactor, numStandbyReplicas, commitInterval, newLiveInterval, statusInterval, statusQuorum,
                processingGuarantee, sessionTimeout, rocksDbMemoryBytes, inMemoryStores);
    }

    /** This application with another window grace. */
    public ProcessorSettings withWindowGrace(Duration newWindowGrace) {
        return new ProcessorSettings(bootstrapServers, applicationId, stateDir, newWindowGrace, punctuationInterval,
                replicationFactor, numStandbyReplicas, commitInterval, liveInterval, statusInterval, statusQuorum,
                processingGuarantee, sessionTimeout, rocksDbMemoryBytes, inMemoryStores);
    }

    /** This application with another status interval and quorum (0 = majority). */
    public ProcessorSettings withStatus(Duration newStatusInterval, int newStatusQuorum) {
        return new ProcessorSettings(bootstrapServers, applicationId, stateDir, windowGrace, punctuationInterval,
                replicationFactor, numStandbyReplicas, commitInterval, liveInterval, newStatusInterval,
                newStatusQuorum, processingGuarantee, sessionTimeout, rocksDbMemoryBytes, inMemoryStores);
    }

    /** This application with in-memory (true) or RocksDB (false) stores under the changelogs. */
    public ProcessorSettings withInMemoryStores(boolean inMemory) {
        return new ProcessorSettings(bootstrapServers, applicationId, stateDir, windowGrace, punctuationInterval,
                replicationFactor, numStandbyReplicas, commitInterval, liveInterval, statusInterval, statusQuorum,
                processingGuarantee, sessionTimeout, rocksDbMemoryBytes, inMemory);
    }

    /** The Kafka Streams configuration; tests build their TopologyTestDriver from it too. */
    public Properties toProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // each window must be emitted exactly once, also when an instance is killed mid-commit (QUALITY R1)
        // (at_least_once exists only as the negative control of the crash test; it double-counts after a crash)
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        // EOS commits a transaction per interval: it bounds how late read_committed readers see a window
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        // changelogs must survive a broker loss in production; -1 follows the broker's default.replication.factor
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(numStandbyReplicas));
        // a killed instance's tasks move after this long; the Kafka default (45 s) stalls windows that long.
        // Heartbeats must come well within it: Kafka's 3 s, or a third of a shorter timeout
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                Integer.toString((int) sessionTimeout.toMillis()));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                Long.toString(Math.min(3_000, Math.max(1, sessionTimeout.toMillis() / 3))));
        // every RocksDB store of the JVM shares one block cache and one write-buffer budget (QUALITY P8)
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        props.put(BoundedRocksDbConfig.MEMORY_BYTES_CONFIG, Long.toString(rocksDbMemoryBytes));
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

    private static boolean parseBoolean(String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("expected true or false");
        }
        return Boolean.parseBoolean(text);
    }

    /**
     * The value of variable {@code key} in {@code env} by {@code parser}; {@code fallback} when unset or blank.
     *
     * @throws IllegalArgumentException naming the variable, its value and the parser's complaint
     */
    public static <T> T parse(Map<String, String> env, String key, Function<String, T> parser, T fallback) {
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
