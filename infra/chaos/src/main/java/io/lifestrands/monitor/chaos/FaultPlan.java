package io.lifestrands.monitor.chaos;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartitionInfo;
import io.lifestrands.monitor.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The faults of one run in a seeded order, injected at even intervals: a processor kill restarts the instance at once
 * (a container restart); a broker kill restarts the node {@link ChaosRun#BROKER_DOWN} later from another thread,
 * because producers block while it is down. The load loop calls {@link #tick()} about once a second; a broker outage
 * blocks it for the outage and the broker's recovery, so each fault comes at least one interval after the previous
 * one and after the load resumed (the pipeline's lag of one fault does not add to the next one's), and the load goes
 * on until all are injected ({@link #pending()}).
 */
final class FaultPlan implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultPlan.class);
    /** Longer than a load batch between two ticks: the load was blocked. */
    private static final Duration STALL = Duration.ofSeconds(3);

    private final List<ProcessorInstance> instances;
    private final List<BrokerProcess> brokers;
    private final Admin admin;
    private final Clock clock;
    private final Random random;
    private final List<Boolean> brokerFaults = new ArrayList<>();
    private final Duration every;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor();
    private Instant next;
    private Instant lastTick;
    private int processorKills;
    private int brokerKills;

    FaultPlan(ChaosOptions options, List<ProcessorInstance> instances, List<BrokerProcess> brokers, Admin admin,
              Clock clock) {
        this.instances = instances;
        this.brokers = brokers;
        this.admin = admin;
        this.clock = clock;
        this.random = new Random(options.seed() * 31 + 7);
        brokerFaults.addAll(Collections.nCopies(options.kills(), false));
        brokerFaults.addAll(Collections.nCopies(options.brokerKills(), true));
        Collections.shuffle(brokerFaults, random);
        this.every = options.load().dividedBy(brokerFaults.size() + 1L);
        this.next = clock.instant().plus(every);
    }

    /** Injects the next fault when it is due; called between load batches. */
    boolean tick() {
        Instant now = clock.instant();
        boolean stalled = lastTick != null && Duration.between(lastTick, now).compareTo(STALL) > 0;
        if (stalled && next.isBefore(now.plus(every))) {
            // the load was blocked (a broker outage): the next fault one interval after it resumed
            next = now.plus(every);
        }
        lastTick = now;
        if (brokerFaults.isEmpty() || now.isBefore(next)) {
            return true;
        }
        try {
            if (brokerFaults.remove(0)) {
                killBroker();
            } else {
                killProcessor();
            }
        } catch (IOException | InterruptedException | ExecutionException e) {
            throw new IllegalStateException("fault injection failed", e);
        }
        next = clock.instant().plus(every);
        return true;
    }

    /** Faults not injected yet. */
    int pending() {
        return brokerFaults.size();
    }

    private void killProcessor() throws IOException, InterruptedException {
        ProcessorInstance victim = instances.get(random.nextInt(instances.size()));
        victim.kill();
        victim.start();
        processorKills++;
        log.info("kill -9 #{} of processor {}, restarted", processorKills, victim.name());
    }

    private void killBroker() throws InterruptedException, ExecutionException {
        BrokerProcess victim = leaderOfFirstSamplesPartition();
        victim.kill();
        brokerKills++;
        log.info("kill -9 #{} of broker {}, restart in {}", brokerKills, victim.nodeId(), ChaosRun.BROKER_DOWN);
        restarts.schedule(() -> {
            try {
                victim.start();
                log.info("broker {} restarted", victim.nodeId());
            } catch (IOException e) {
                log.error("restarting broker {} failed", victim.nodeId(), e);
            }
        }, ChaosRun.BROKER_DOWN.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The leader of {@code monitor.samples.v1}-0 when it is known and alive, else a random live node. */
    private BrokerProcess leaderOfFirstSamplesPartition() throws InterruptedException {
        try {
            TopicPartitionInfo partition = admin.describeTopics(List.of(Topics.SAMPLES.name())).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.SAMPLES.name()).partitions().get(0);
            if (partition.leader() != null) {
                for (BrokerProcess broker : brokers) {
                    if (broker.nodeId() == partition.leader().id() && broker.isAlive()) {
                        return broker;
                    }
                }
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("cannot find the leader of {}-0; killing a random node", Topics.SAMPLES.name(), e);
        }
        List<BrokerProcess> alive = brokers.stream().filter(BrokerProcess::isAlive).toList();
        return alive.get(random.nextInt(alive.size()));
    }

    int processorKills() {
        return processorKills;
    }

    int brokerKills() {
        return brokerKills;
    }

    /** Waits for pending broker restarts. */
    @Override
    public void close() throws InterruptedException {
        restarts.shutdown();
        restarts.awaitTermination(ChaosRun.BROKER_DOWN.toSeconds() + 30, TimeUnit.SECONDS);
    }
}
