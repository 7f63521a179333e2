package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.EmbeddedKafka;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * QUALITY R1 as a program: processor instances as child JVMs, seeded load with ground truth, SIGKILL of a random
 * instance at even intervals during the load (each restarted at once on its state directory), then the verifier
 * compares every one-minute window with the ground truth.
 */
public final class ChaosRun {

    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Beyond the last window's close: fail-over, restore and a slow machine. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(90);
    /** How long a killed broker stays down before it is restarted. */
    static final Duration BROKER_DOWN = Duration.ofSeconds(5);

    private ChaosRun() {
    }

    /**
     * What happened and what the verifier found.
     *
     * @param lateMetric the processors' {@code late-total} metrics as they printed them last, summed over instances
     *                   and runs (exact only when no instance was killed)
     */
    public record Result(String runId, int kills, int brokerKills, long sent, long failedSends,
                         boolean enteredError, long lateMetric, Verifier.Verdict verdict, Duration took) {
        @Override
        public String toString() {
            return runId + ": kills=" + kills + " brokerKills=" + brokerKills + " sent=" + sent + " failedSends="
                    + failedSends + " enteredError=" + enteredError + " lateMetric=" + lateMetric + " " + verdict
                    + " took=" + took.toSeconds() + "s";
        }
    }

    public static Result run(String bootstrapServers, ChaosOptions options) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        String runId = "chaos-" + Long.toHexString(options.seed() ^ started.toEpochMilli());
        Files.createDirectories(options.workDir());
        List<BrokerProcess> brokers = options.brokers() == 0 ? List.of()
                : BrokerProcess.cluster(options.brokers(), options.workDir().resolve(runId));
        String bootstrap = brokers.isEmpty() ? bootstrapServers : BrokerProcess.bootstrap(brokers);
        List<ProcessorInstance> instances = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             LoadGenerator load = new LoadGenerator(bootstrap, runId, options.services(), options.seed(), clock,
                     options.delay())) {
            awaitBrokers(admin, options.brokers(), clock);
            Topics.createMissing(admin, (short) -1);
            for (int i = 0; i < options.instances(); i++) {
                ProcessorInstance instance = new ProcessorInstance(runId + "-p" + i,
                        env(bootstrap, runId, options, i), options.workDir(), clock);
                instances.add(instance);
                instance.start();
            }
            for (ProcessorInstance instance : instances) {
                if (!instance.awaitRunning(START_TIMEOUT)) {
                    throw new IllegalStateException(instance.name() + " did not reach RUNNING, see "
                            + instance.logFile());
                }
            }
            int processorKills;
            int brokerKills;
            try (FaultPlan faults = new FaultPlan(options, instances, brokers, admin, clock)) {
                load.run(loadDuration(options, clock), options.perSecond(), faults::tick);
                // a broker outage blocks the producer and delays the later faults: load on until all are injected
                while (faults.pending() > 0) {
                    load.run(Duration.ofSeconds(1), options.perSecond(), faults::tick);
                }
                processorKills = faults.processorKills();
                brokerKills = faults.brokerKills();
            }
            load.close();
            Instant deadline = Instant.ofEpochMilli(load.truth().lastWindowEndMs()).plus(options.grace())
                    .plus(CLOSE_MARGIN);
            Verifier.Verdict verdict = new Verifier(bootstrap, runId, clock)
                    .verify(load.truth(), deadline, Duration.ofSeconds(5));
            boolean error = false;
            long lateMetric = 0;
            for (ProcessorInstance instance : instances) {
                error |= instance.enteredError();
                lateMetric += instance.printedTotal(ChaosProcessor.LATE_TOTAL);
            }
            Result result = new Result(runId, processorKills, brokerKills, load.sent(), load.failedSends(), error,
                    lateMetric, verdict, Duration.between(started, clock.instant()));
            log.info("Chaos run finished: {}", result);
            return result;
        } finally {
            for (ProcessorInstance instance : instances) {
                instance.close();
            }
            for (BrokerProcess broker : brokers) {
                broker.close();
            }
        }
    }

    /**
     * {@code options.load()}, or with delayed samples at least that long and ending one second before a minute
     * boundary: a held-back sample is late only when it arrives after its minute's end + grace, so only samples of a
     * minute's last {@code max delay - grace} seconds can be, and this way the load covers them all in the closing
     * minute, and no further minute remains open afterwards.
     */
    static Duration loadDuration(ChaosOptions options, Clock clock) {
        if (options.delay() == null) {
            return options.load();
        }
        long earliestEnd = clock.millis() + options.load().toMillis();
        long end = Math.floorDiv(earliestEnd + 1000, GroundTruth.WINDOW_MS) * GroundTruth.WINDOW_MS
                + GroundTruth.WINDOW_MS - 1000;
        return Duration.ofMillis(end - clock.millis());
    }

    /** Waits until all {@code count} started nodes are registered; nothing to wait for with a given broker. */
    private static void awaitBrokers(Admin admin, int count, Clock clock) throws InterruptedException {
        Instant deadline = clock.instant().plus(START_TIMEOUT);
        while (count > 0) {
            try {
                if (admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() >= count) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                log.debug("brokers not ready yet", e);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException(count + " brokers did not start within " + START_TIMEOUT);
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, String> env(String bootstrapServers, String runId, ChaosOptions options, int index) {
        return processorEnv(bootstrapServers, runId, options.workDir().resolve(runId + "-state-" + index),
                options.grace(), options.guarantee());
    }

    /**
     * The environment of one {@link ProcessorInstance}: application id, its own state directory, the window grace and
     * optionally another processing guarantee (the negative controls; {@code at_least_once} gets Kafka's own 30 s
     * commit interval, the processor's 100 ms is chosen for exactly-once).
     */
    public static Map<String, String> processorEnv(String bootstrapServers, String applicationId, Path stateDir,
                                                   Duration grace, String guarantee) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("MONITOR_PROCESSOR_APP_ID", applicationId);
        env.put("MONITOR_PROCESSOR_STATE_DIR", stateDir.toString());
        env.put("MONITOR_WINDOW_GRACE", Json.formatDuration(grace));
        if (guarantee != null) {
            env.put("MONITOR_PROCESSING_GUARANTEE", guarantee);
            if (guarantee.equals("at_least_once")) {
                env.put("MONITOR_PROCESSOR_COMMIT_INTERVAL", "30s");
            }
        }
        return env;
    }

    /**
     * Runs one chaos run and exits 0 when the verdict is exact. Arguments, all optional:
     * {@code kills loadSeconds brokers brokerKills seed guarantee} (defaults 10 240 0 0 42 exactly_once_v2). With 0
     * brokers it uses {@code KAFKA_BOOTSTRAP_SERVERS} when set, otherwise an embedded broker in this JVM.
     */
    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Duration load = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 240);
        int brokers = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int brokerKills = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        String guarantee = args.length > 5 ? args[5] : null;
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        EmbeddedKafka broker = bootstrap == null && brokers == 0 ? EmbeddedKafka.start(0) : null;
        Result result;
        try {
            result = run(broker == null ? bootstrap : broker.bootstrapServers(),
                    ChaosOptions.of(kills, load, seed, Path.of("target", "chaos")).withBrokers(brokers, brokerKills)
                            .withGuarantee(guarantee));
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        System.out.println(result);
        System.exit(result.verdict().exact() && !result.enteredError() ? 0 : 1);
    }
}
