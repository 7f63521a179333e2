package io.lifestrands.monitor.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One chaos run.
 *
 * @param instances  processor JVMs (same application id)
 * @param kills      how many times a random instance is killed with SIGKILL and restarted, spread over the load
 * @param load       how long samples are produced
 * @param perSecond  samples a second
 * @param services   distinct service ids (keys) the samples are spread over
 * @param seed       seeds the samples and the choice of victims
 * @param grace      the processor's window grace; must exceed fail-over time (session timeout + restore)
 * @param guarantee  {@code processing.guarantee} override, or null for the production one (exactly_once_v2)
 * @param workDir    state directories and logs of the instances
 */
public record ChaosOptions(int instances, int kills, Duration load, int perSecond, int services, long seed,
                           Duration grace, String guarantee, Path workDir) {

    public ChaosOptions {
        if (instances < 1 || kills < 0 || perSecond < 1 || services < 1) {
            throw new IllegalArgumentException("instances, perSecond and services must be >= 1 and kills >= 0, was "
                    + instances + ", " + perSecond + ", " + services + ", " + kills);
        }
        if (load.isNegative() || load.isZero() || grace.isNegative()) {
            throw new IllegalArgumentException("load must be > 0 and grace >= 0, was " + load + ", " + grace);
        }
    }

    /** Two instances, 400 samples/s over 20 services, 30 s grace, exactly-once. */
    public static ChaosOptions of(int kills, Duration load, long seed, Path workDir) {
        return new ChaosOptions(2, kills, load, 400, 20, seed, Duration.ofSeconds(30), null, workDir);
    }

    public ChaosOptions withGrace(Duration newGrace) {
        return new ChaosOptions(instances, kills, load, perSecond, services, seed, newGrace, guarantee, workDir);
    }

    public ChaosOptions withGuarantee(String newGuarantee) {
        return new ChaosOptions(instances, kills, load, perSecond, services, seed, grace, newGuarantee, workDir);
    }
}
