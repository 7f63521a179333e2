package io.lifestrands.monitor.processor;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.lifestrands.monitor.processor.alert.AlertSettings;
import io.lifestrands.monitor.processor.anomaly.AnomalySettings;
import io.lifestrands.monitor.processor.backtest.BacktestWorker;
import io.lifestrands.monitor.processor.consistency.ConsistencySettings;
import io.lifestrands.monitor.processor.validate.PlausibilitySettings;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.processor.alert.RuleSeeder;
import io.lifestrands.monitor.processor.topology.MonitorTopology;
import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The running processor application: a {@link KafkaStreams} client of {@link MonitorTopology}, replaced by a
 * {@link StreamsSupervisor} whenever it reaches ERROR, and a {@link HeartbeatPublisher} that tells
 * {@code monitor.processor-health.v1} the client's state, and a {@link BacktestWorker} that answers rule backtests.
 */
public final class MonitorProcessor implements AutoCloseable {

    /** How long {@link #close()} waits for threads to finish their current transaction. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a (re)start waits for the brokers to name their cluster. */
    static final Duration CLUSTER_ID_TIMEOUT = Duration.ofSeconds(30);
    /** KafkaStreams names its global thread {@code <client id>-GlobalStreamThread}. */
    private static final String GLOBAL_THREAD_SUFFIX = "-GlobalStreamThread";

    private static final Logger log = LoggerFactory.getLogger(MonitorProcessor.class);

    private final StreamsSupervisor supervisor;
    private final HeartbeatPublisher heartbeats;
    private final BacktestWorker backtests;
    private final String instance;

    private MonitorProcessor(StreamsSupervisor supervisor, HeartbeatPublisher heartbeats, BacktestWorker backtests,
                             String instance) {
        this.supervisor = supervisor;
        this.heartbeats = heartbeats;
        this.backtests = backtests;
        this.instance = instance;
    }

    /**
     * Starts the processor with the processor, alert, plausibility, anomaly and consistency settings read from
     * {@code env} (see {@link ProcessorSettings#fromEnv}, {@link AlertSettings#fromEnv},
     * {@link PlausibilitySettings#fromEnv}, {@link AnomalySettings#fromEnv} and {@link ConsistencySettings#fromEnv}):
     * what every launcher calls, so a variable means the same in the container, the
     * standalone and {@link #main}.
     *
     * @throws IllegalArgumentException naming the variable and its value when one is invalid, before any connection
     * @throws IllegalStateException    when the topics cannot be created (e.g. the broker is unreachable)
     */
    public static MonitorProcessor startFromEnv(Map<String, String> env) {
        ProcessorSettings settings = ProcessorSettings.fromEnv(env);
        AlertSettings alertSettings = AlertSettings.fromEnv(env);
        PlausibilitySettings plausibility = PlausibilitySettings.fromEnv(env);
        AnomalySettings anomalySettings = AnomalySettings.fromEnv(env);
        ConsistencySettings consistency = ConsistencySettings.fromEnv(env, settings.statusInterval());
        return start(settings, alertSettings, plausibility, anomalySettings, consistency);
    }

    /**
     * Creates the missing topics of the catalog, seeds the default alert rules onto a rules topic that never held a
     * record, then starts the topology with the default alert settings. Returns once the threads are started;
     * {@link #state()} turns {@code RUNNING} after the first rebalance and store restoration.
     *
     * @throws IllegalStateException when the topics cannot be created (e.g. the broker is unreachable)
     */
    public static MonitorProcessor start(ProcessorSettings settings) {
        return start(settings, AlertSettings.defaults());
    }

    /**
     * Like {@link #start(ProcessorSettings)}, with alert settings; also writes the default alert rules when the
     * rules topic has never held a record. Local state that was not built from this Kafka cluster (see
     * {@link ClusterStamp}) is wiped before the start, so the stores are restored from this cluster's changelogs.
     * When the client later reaches ERROR, a new one is started after a backoff ({@link StreamsSupervisor}). Every
     * state change of the client and every {@link ProcessorHeartbeat#INTERVAL} a heartbeat goes to
     * {@code monitor.processor-health.v1}, keyed by this instance's {@link InstanceId}.
     *
     * @throws IllegalStateException when the topics cannot be created or the first client cannot start
     */
    public static MonitorProcessor start(ProcessorSettings settings, AlertSettings alertSettings) {
        return start(settings, alertSettings, PlausibilitySettings.defaults(), AnomalySettings.defaults());
    }

    /**
     * Like {@link #start(ProcessorSettings, AlertSettings)}, with the plausibility checks of the samples' values and
     * the anomaly detector's settings.
     */
    public static MonitorProcessor start(ProcessorSettings settings, AlertSettings alertSettings,
                                         PlausibilitySettings plausibility, AnomalySettings anomalySettings) {
        return start(settings, alertSettings, plausibility, anomalySettings,
                ConsistencySettings.defaults(settings.statusInterval()));
    }

    /** Like {@link #start(ProcessorSettings, AlertSettings, PlausibilitySettings, AnomalySettings)}, with the
     * thresholds of the cross-source consistency checks. */
    public static MonitorProcessor start(ProcessorSettings settings, AlertSettings alertSettings,
                                         PlausibilitySettings plausibility, AnomalySettings anomalySettings,
                                         ConsistencySettings consistency) {
        String clusterId;
        try (Admin admin = admin(settings)) {
            Topics.createMissing(admin, settings.replicationFactor());
            RuleSeeder.seedIfEmpty(admin, settings.bootstrapServers(), DefaultRules.seeded());
            clusterId = clusterId(admin);
        }
        Clock clock = Clock.systemUTC();
        String instance = InstanceId.claim(settings.stateDir(), settings.applicationId(), InstanceId.localHost());
        HeartbeatPublisher heartbeats = HeartbeatPublisher.create(settings.bootstrapServers(), instance,
                settings.applicationId(), clusterId, clock);
        StreamsSupervisor supervisor = new StreamsSupervisor(settings.applicationId(),
                () -> newClient(settings, alertSettings, plausibility, anomalySettings, consistency,
                        heartbeats::clusterId),
                threadFailures(settings.applicationId()), RestartBackoff.defaults(), clock, CLOSE_TIMEOUT,
                heartbeats::changed);
        try {
            supervisor.start();
        } catch (RuntimeException e) {
            heartbeats.close();
            throw e;
        }
        heartbeats.start(ProcessorHeartbeat.INTERVAL);
        BacktestWorker backtests = BacktestWorker.start(settings.bootstrapServers(), settings.applicationId(),
                settings.punctuationInterval(), clock);
        log.info("Processor {} (instance {}) started against {}", settings.applicationId(), instance,
                settings.bootstrapServers());
        return new MonitorProcessor(supervisor, heartbeats, backtests, instance);
    }

    /**
     * An unstarted client whose local state belongs to the cluster the brokers now form.
     *
     * @param clusterSeen told the id of that cluster
     */
    private static KafkaStreams newClient(ProcessorSettings settings, AlertSettings alertSettings,
                                          PlausibilitySettings plausibility, AnomalySettings anomalySettings,
                                          ConsistencySettings consistency, Consumer<String> clusterSeen) {
        String clusterId;
        try (Admin admin = admin(settings)) {
            clusterId = clusterId(admin);
        }
        clusterSeen.accept(clusterId);
        KafkaStreams streams = new KafkaStreams(MonitorTopology.build(settings, alertSettings, plausibility,
                anomalySettings, consistency),
                settings.toProperties());
        try {
            new ClusterStamp(settings.stateDir(), settings.applicationId()).claim(clusterId, streams::cleanUp);
        } catch (RuntimeException e) {
            streams.close(CLOSE_TIMEOUT);
            throw e;
        }
        return streams;
    }

    /** Replaces a failed stream thread; a failed global thread stops the client, which the supervisor replaces. */
    static StreamsUncaughtExceptionHandler threadFailures(String applicationId) {
        return e -> {
            if (Thread.currentThread().getName().endsWith(GLOBAL_THREAD_SUFFIX)) {
                // the global thread cannot be replaced: asked to, Kafka 4.1 stops the client and then throws a
                // ClassCastException from KafkaStreams#replaceStreamThread. The supervisor logs this cause.
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            // record faults are dead-lettered inside the topology, so this is Kafka or the state store: a fresh
            // thread resumes from the last committed transaction without losing or doubling anything
            log.error("Stream thread of {} failed; replacing it", applicationId, e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    private static Admin admin(ProcessorSettings settings) {
        return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()));
    }

    private static String clusterId(Admin admin) {
        try {
            String id = admin.describeCluster().clusterId().get(CLUSTER_ID_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (id == null || id.isBlank()) {
                throw new IllegalStateException("The brokers reported no cluster id, was '" + id + "'");
            }
            return id;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not learn the Kafka cluster id: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while learning the Kafka cluster id", e);
        }
    }

    /**
     * The state of the current client; {@code ERROR} while a failed client waits for its successor, which starts
     * after the backoff (1 s, doubling to 30 s).
     */
    public KafkaStreams.State state() {
        return supervisor.client().state();
    }

    /** This instance's id: the key of its heartbeats on {@code monitor.processor-health.v1}. */
    public String instance() {
        return instance;
    }

    /** How many times a client in ERROR was replaced by a new one since the start. */
    public int restarts() {
        return supervisor.restarts();
    }

    /**
     * Kafka Streams metrics of the current client, including {@link ProcessorMetrics#DEAD_LETTERED} and
     * {@link ProcessorMetrics#LATE}.
     */
    public Map<MetricName, ? extends Metric> metrics() {
        return supervisor.client().metrics();
    }

    /** Client ids of this instance's consumers, as the group coordinator lists its members. */
    public Set<String> consumerClientIds() {
        return supervisor.client().metadataForLocalThreads().stream().map(ThreadMetadata::consumerClientId)
                .collect(Collectors.toSet());
    }

    /** Records dead-lettered by the tasks this instance currently runs. */
    public long deadLettered() {
        return ProcessorMetrics.total(metrics(), ProcessorMetrics.DEAD_LETTERED);
    }

    /** Late samples seen by the tasks this instance currently runs. */
    public long late() {
        return ProcessorMetrics.total(metrics(), ProcessorMetrics.LATE);
    }

    /**
     * Records dead-lettered by the tasks this instance currently runs, by service and reason ({@code invalid},
     * {@code late}, {@code implausible}, {@code failed}).
     */
    public Map<String, Map<String, Long>> deadLetteredByService() {
        return ProcessorMetrics.deadLettersByService(metrics());
    }

    /**
     * Stops the threads, committing their work, waiting at most {@link #CLOSE_TIMEOUT} (after a restart in progress);
     * a restart still waiting for its backoff is dropped. The last heartbeat says {@code NOT_RUNNING}.
     */
    @Override
    public void close() {
        try {
            backtests.close();
            supervisor.close();
        } finally {
            heartbeats.close();
        }
    }

    /** Runs the processor with settings from the environment until the JVM is stopped. */
    public static void main(String[] args) throws JoranException {
        configureLogging();
        MonitorProcessor processor = startFromEnv(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(processor::close, "monitor-processor-shutdown"));
    }

    /**
     * Loads {@code processor-logback.xml} unless {@code -Dlogback.configurationFile} is given. Not a
     * {@code logback.xml}: in the all-in-one launcher that file would take over the Spring Boot apps' logging.
     */
    private static void configureLogging() throws JoranException {
        if (System.getProperty("logback.configurationFile") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        configurator.doConfigure(MonitorProcessor.class.getResource("/processor-logback.xml"));
    }
}
