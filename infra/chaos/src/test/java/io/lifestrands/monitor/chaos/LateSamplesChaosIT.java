package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.testkit.TestServers;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QUALITY R3 at process level: a broker process of its own, the processor as a child JVM with a 5 s window grace, and
 * seeded load of which 1 % is held back for 0-20 s and then sent with its original event time. Per window, the count
 * in the final window plus the samples dead-lettered as {@code late} for it must equal what was produced, exactly;
 * some samples must be late (else the check is blind), and the processor's {@code late-total} metric must equal the
 * late dead letters.
 */
class LateSamplesChaosIT {

    private static final Path WORK = Path.of("target", "chaos");

    @Test
    void includedPlusDeadLetteredLateEqualsProducedPerWindow() throws Exception {
        // one instance and no kills: its late-total metric is then the whole count; the load lasts at least 15 s
        // and ends at second 59 of a minute, so the closing minute's last 15 s, whose delayed samples can miss the
        // 5 s grace, are all in it
        ChaosOptions options = ChaosOptions.of(0, Duration.ofSeconds(15), Long.getLong("chaos.seed", 42), WORK)
                .withBrokers(1, 0)
                .withInstances(1)
                .withGrace(Duration.ofSeconds(5))
                .withDelay(new LoadGenerator.Delay(0.01, Duration.ofSeconds(20)));

        ChaosRun.Result result = ChaosRun.run(TestServers.kafka().bootstrapServers(), options);

        Verifier.Verdict verdict = result.verdict();
        assertThat(result.failedSends()).isZero();
        assertThat(verdict.samples()).isEqualTo(result.sent());
        assertThat(result.enteredError()).isFalse();
        assertThat(verdict.delayed()).as(result.toString()).isPositive();
        // not blind: samples were late, and without the dead-letter term windows would not add up
        assertThat(verdict.late()).as(result.toString()).isPositive();
        assertThat(verdict.shortOfLate()).as(result.toString()).isPositive();
        assertThat(verdict.balanced()).as(result.toString()).isTrue();
        assertThat(result.lateMetric()).as(result.toString()).isEqualTo(verdict.late());
    }
}
