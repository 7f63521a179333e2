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
import java.util.Random;

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

    private ChaosRun() {
    }

    /** What happened and what the verifier found. */
    public record Result(String runId, int kills, long sent, long failedSends, boolean enteredError,
                         Verifier.Verdict verdict, Duration took) {
        @Override
        public String toString() {
            return runId + ": kills=" + kills + " sent=" + sent + " failedSends=" + failedSends + " enteredError="
                    + enteredError + " " + verdict + " took=" + took.toSeconds() + "s";
        }
    }

    public static Result run(String bootstrapServers, ChaosOptions options) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        String runId = "chaos-" + Long.toHexString(options.seed() ^ started.toEpochMilli());
        Files.createDirectories(options.workDir());
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Topics.createMissing(admin, (short) -1);
        }
        List<ProcessorInstance> instances = new ArrayList<>();
        try (LoadGenerator load = new LoadGenerator(bootstrapServers, runId, options.services(), options.seed(),
                clock)) {
            for (int i = 0; i < options.instances(); i++) {
                ProcessorInstance instance = new ProcessorInstance(runId + "-p" + i,
                        env(bootstrapServers, runId, options, i), options.workDir(), clock);
                instances.add(instance);
                instance.start();
            }
            for (ProcessorInstance instance : instances) {
                if (!instance.awaitRunning(START_TIMEOUT)) {
                    throw new IllegalStateException(instance.name() + " did not reach RUNNING, see "
                            + instance.logFile());
                }
            }
            int kills = loadWithKills(load, instances, options, clock);
            load.close();
            Instant deadline = Instant.ofEpochMilli(load.truth().lastWindowEndMs()).plus(options.grace())
                    .plus(CLOSE_MARGIN);
            Verifier.Verdict verdict = new Verifier(bootstrapServers, runId, clock)
                    .verify(load.truth(), deadline, Duration.ofSeconds(5));
            boolean error = false;
            for (ProcessorInstance instance : instances) {
                error |= instance.enteredError();
            }
            Result result = new Result(runId, kills, load.sent(), load.failedSends(), error, verdict,
                    Duration.between(started, clock.instant()));
            log.info("Chaos run finished: {}", result);
            return result;
        } finally {
            for (ProcessorInstance instance : instances) {
                instance.close();
            }
        }
    }

    private static int loadWithKills(LoadGenerator load, List<ProcessorInstance> instances, ChaosOptions options,
                                     Clock clock) throws InterruptedException {
        Random victims = new Random(options.seed() * 31 + 7);
        Duration every = options.load().dividedBy(options.kills() + 1L);
        Instant[] nextKill = {clock.instant().plus(every)};
        int[] kills = {0};
        load.run(options.load(), options.perSecond(), () -> {
            if (kills[0] < options.kills() && !clock.instant().isBefore(nextKill[0])) {
                ProcessorInstance victim = instances.get(victims.nextInt(instances.size()));
                try {
                    victim.kill();
                    victim.start();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("restarting " + victim.name() + " failed", e);
                }
                kills[0]++;
                log.info("kill -9 #{} of {}, restarted", kills[0], victim.name());
                nextKill[0] = nextKill[0].plus(every);
            }
            return true;
        });
        return kills[0];
    }

    private static Map<String, String> env(String bootstrapServers, String runId, ChaosOptions options, int index) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("MONITOR_PROCESSOR_APP_ID", runId);
        env.put("MONITOR_PROCESSOR_STATE_DIR", options.workDir().resolve(runId + "-state-" + index).toString());
        env.put("MONITOR_WINDOW_GRACE", Json.formatDuration(options.grace()));
        if (options.guarantee() != null) {
            env.put(ChaosProcessor.GUARANTEE_ENV, options.guarantee());
        }
        return env;
    }

    /**
     * Runs one chaos run and exits 0 when the verdict is exact. Arguments: {@code kills loadSeconds [seed
     * [guarantee]]}; uses {@code KAFKA_BOOTSTRAP_SERVERS} when set, otherwise starts an embedded broker.
     */
    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Duration load = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 240);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        String guarantee = args.length > 3 ? args[3] : null;
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        EmbeddedKafka broker = bootstrap == null ? EmbeddedKafka.start(0) : null;
        Result result;
        try {
            result = run(broker == null ? bootstrap : broker.bootstrapServers(),
                    ChaosOptions.of(kills, load, seed, Path.of("target", "chaos")).withGuarantee(guarantee));
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        System.out.println(result);
        System.exit(result.verdict().exact() && !result.enteredError() ? 0 : 1);
    }
}
