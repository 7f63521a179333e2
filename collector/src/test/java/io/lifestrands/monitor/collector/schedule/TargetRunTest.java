package io.lifestrands.monitor.collector.schedule;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.collector.probe.Probe;
import io.lifestrands.monitor.schema.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.lifestrands.monitor.collector.config.TestSettings.target;
import static org.assertj.core.api.Assertions.assertThat;

class TargetRunTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Target TARGET = target("gateway", TargetKind.HTTP, "http://localhost:1",
            Duration.ofMillis(100));

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<Sample> published = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        workers.shutdownNow();
    }

    @Test
    void probeThatThrowsBecomesADownSampleWithTheError() throws Exception {
        TargetRun run = run(now -> {
            throw new IllegalStateException("boom");
        });

        Sample sample = run.tick().get(5, TimeUnit.SECONDS);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("probe failed: IllegalStateException: boom");
        assertThat(sample.latencyMs()).isNotNull();
        assertThat(sample.ts()).isEqualTo(T0);
        assertThat(published).containsExactly(sample);
    }

    @Test
    void probeThatThrowsCouldNotPerformItsCheck() throws Exception {
        TargetRun run = run(now -> {
            throw new IllegalStateException("boom");
        });

        Sample sample = run.tick().get(5, TimeUnit.SECONDS);

        assertThat(sample.failedToMonitor()).isTrue();
        assertThat(TargetRun.retryDelay(sample, Duration.ofMinutes(5))).contains(Duration.ofSeconds(30));
    }

    @Test
    void checkNotPerformedIsRetriedIn30SecondsUnlessTheScheduleComesSooner() {
        Sample notPerformed = Probe.notPerformed("h", "gateway", T0, 1.0, "unknown host x.invalid", Map.of());
        Sample down = Probe.failed("h", "gateway", T0, 1.0, "connection refused", Map.of());

        assertThat(TargetRun.retryDelay(notPerformed, Duration.ofSeconds(270))).contains(TargetRun.RETRY_DELAY);
        assertThat(TargetRun.retryDelay(notPerformed, Duration.ofSeconds(30))).isEmpty();
        assertThat(TargetRun.retryDelay(notPerformed, Duration.ofSeconds(4))).isEmpty();
        assertThat(TargetRun.retryDelay(down, Duration.ofSeconds(270))).isEmpty();
    }

    @Test
    void hungProbeYieldsADownSampleAtTheDeadlineAndBlocksOnlyItself() throws Exception {
        TargetRun hung = run(now -> {
            awaitRelease();
            return Sample.probe("h", "gateway", now, true, 1.0, 200, null);
        });

        Sample sample = hung.tick().get(10, TimeUnit.SECONDS);
        Sample next = hung.tick().get(5, TimeUnit.SECONDS);

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).startsWith("timeout: no result within");
        assertThat(sample.timedOut()).isTrue();
        assertThat(sample.latencyMs()).isGreaterThanOrEqualTo(1_000.0);
        assertThat(next.error()).startsWith("timeout: previous probe still running");
        assertThat(published).hasSize(2);
    }

    @Test
    void lateResultOfAHungProbeIsNotPublishedTwice() throws Exception {
        TargetRun hung = run(now -> {
            awaitRelease();
            return Sample.probe("h", "gateway", now, true, 1.0, 200, null);
        });
        hung.tick().get(10, TimeUnit.SECONDS);

        release.countDown();
        workers.shutdown();
        assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

        assertThat(published).hasSize(1);
    }

    @Test
    void everyTickPublishesOneSample() throws Exception {
        TargetRun run = run(now -> Sample.probe("h", "gateway", now, true, 1.0, 200, null));

        for (int i = 0; i < 3; i++) {
            run.tick().get(5, TimeUnit.SECONDS);
        }

        assertThat(published).hasSize(3).allSatisfy(s -> assertThat(s.up()).isTrue());
    }

    @Test
    void hungTargetNeverDelaysAnotherOnTheSamePool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            TargetRun hung = run(now -> {
                awaitRelease();
                return Sample.probe("h", "gateway", now, true, 1.0, 200, null);
            }, pool);
            TargetRun healthy = run(now -> Sample.probe("h", "gateway", now, true, 1.0, 200, null), pool);

            var stuck = hung.tick();
            for (int i = 0; i < 20; i++) {
                hung.tick();
                assertThat(healthy.tick().get(2, TimeUnit.SECONDS).up()).isTrue();
            }

            assertThat(stuck.get(10, TimeUnit.SECONDS).up()).isFalse();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void logsOncePerStateChangeNotPerAttempt() throws Exception {
        boolean[] up = {true};
        TargetRun run = run(now -> Sample.probe("h", "gateway", now, up[0], 1.0, up[0] ? 200 : 503,
                up[0] ? null : "HTTP 503"));

        List<String> logged = logged(() -> {
            for (boolean state : new boolean[] {true, true, false, false, false, true, true, false}) {
                up[0] = state;
                run.tick().get(5, TimeUnit.SECONDS);
            }
        });

        assertThat(logged).containsExactly(
                "gateway is up (1.0 ms)", "gateway went down: HTTP 503", "gateway is up again (1.0 ms)",
                "gateway went down: HTTP 503");
    }

    @Test
    void logsAFailureToMonitorOnceAsTheSeedDoes() throws Exception {
        TargetRun run = run(now -> Probe.notPerformed("h", "gateway", now, 1.0, "unknown host x.invalid", Map.of()));

        List<String> logged = logged(() -> {
            run.tick().get(5, TimeUnit.SECONDS);
            run.tick().get(5, TimeUnit.SECONDS);
        });

        assertThat(logged).containsExactly("Failed to monitor gateway: unknown host x.invalid");
    }

    /** Something to run while logs are captured. */
    private interface Work {
        void run() throws Exception;
    }

    /** What {@code TargetRun} logs while {@code work} runs. */
    private static List<String> logged(Work work) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(TargetRun.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            work.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private TargetRun run(Function<Instant, Sample> probe) {
        return run(probe, workers);
    }

    private TargetRun run(Function<Instant, Sample> probe, ExecutorService pool) {
        return new TargetRun(TARGET, new Probe() {
            @Override
            public String service() {
                return "gateway";
            }

            @Override
            public Sample probe(Instant now) {
                return probe.apply(now);
            }
        }, "h", Clock.fixed(T0, ZoneOffset.UTC), pool, published::add);
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
