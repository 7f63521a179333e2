package io.lifestrands.monitor.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One chaos run.
 *
 * @param instances   processor JVMs (same application id)
 * @param kills       how many times a random processor instance is killed with SIGKILL and restarted at once
 * @param brokers     0: use the broker given to {@link ChaosRun#run}; 1-3: start that many KRaft nodes as child JVMs
 * @param brokerKills how many times a broker (the leader of samples partition 0) is killed with SIGKILL and restarted
 *                    {@link ChaosRun#BROKER_DOWN} later; needs {@code brokers >= 1}
 * @param load        how long samples are produced; the faults are spread evenly over it
 * @param perSecond   samples a second
 * @param services    distinct service ids (keys) the samples are spread over
 * @param seed        seeds the samples, the order of the faults and the choice of victims
 * @param grace       the processor's window grace; must exceed fail-over time (session timeout + restore)
 * @param guarantee   {@code processing.guarantee} override, or null for the production one (exactly_once_v2)
 * @param workDir     state directories and logs of the child processes
 * @param delay       samples the load generator holds back (QUALITY R3), or null for none; with a delay the load
 *                    lasts at least {@code load} and ends just before a minute boundary (see {@link ChaosRun})
 */
public record ChaosOptions(int instances, int kills, int brokers, int brokerKills, Duration load, int perSecond,
                           int services, long seed, Duration grace, String guarantee, Path workDir,
                           LoadGenerator.Delay delay) {

    public ChaosOptions {
        if (instances < 1 || kills < 0 || perSecond < 1 || services < 1 || brokers < 0 || brokers > 3
                || brokerKills < 0 || (brokerKills > 0 && brokers == 0)) {
            throw new IllegalArgumentException("need instances, perSecond, services >= 1, kills, brokerKills >= 0,"
                    + " brokers 0-3 and brokers >= 1 when brokerKills > 0, was " + this);
        }
        if (load.isNegative() || load.isZero() || grace.isNegative()) {
            throw new IllegalArgumentException("load must be > 0 and grace >= 0, was " + load + ", " + grace);
        }
    }

    /** Two instances on the given broker, 400 samples/s over 20 services, 30 s grace, exactly-once. */
    public static ChaosOptions of(int kills, Duration load, long seed, Path workDir) {
        return new ChaosOptions(2, kills, 0, 0, load, 400, 20, seed, Duration.ofSeconds(30), null, workDir, null);
    }

    public ChaosOptions withInstances(int newInstances) {
        return new ChaosOptions(newInstances, kills, brokers, brokerKills, load, perSecond, services, seed, grace,
                guarantee, workDir, delay);
    }

    public ChaosOptions withDelay(LoadGenerator.Delay newDelay) {
        return new ChaosOptions(instances, kills, brokers, brokerKills, load, perSecond, services, seed, grace,
                guarantee, workDir, newDelay);
    }

    /** The same run on {@code newBrokers} broker processes of its own, {@code newBrokerKills} of them killed. */
    public ChaosOptions withBrokers(int newBrokers, int newBrokerKills) {
        return new ChaosOptions(instances, kills, newBrokers, newBrokerKills, load, perSecond, services, seed, grace,
                guarantee, workDir, delay);
    }

    public ChaosOptions withGrace(Duration newGrace) {
        return new ChaosOptions(instances, kills, brokers, brokerKills, load, perSecond, services, seed, newGrace,
                guarantee, workDir, delay);
    }

    public ChaosOptions withGuarantee(String newGuarantee) {
        return new ChaosOptions(instances, kills, brokers, brokerKills, load, perSecond, services, seed, grace,
                newGuarantee, workDir, delay);
    }
}
