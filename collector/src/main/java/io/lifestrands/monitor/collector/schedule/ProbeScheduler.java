package io.lifestrands.monitor.collector.schedule;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.collector.probe.Probe;
import io.lifestrands.monitor.collector.probe.ProbeFactory;
import io.lifestrands.monitor.collector.publish.SampleBuffer;
import io.lifestrands.monitor.collector.status.CollectionStatus;
import io.lifestrands.monitor.schema.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes every target at its interval. Each target starts at a random phase (jitter) so targets with equal intervals
 * do not fire together; probes run on a worker pool with one thread per target and a deadline, so a hung target never
 * delays another; samples go to the {@link SampleBuffer}, whose own thread publishes them, so a slow or absent
 * broker never delays the timer. A check the monitor could not perform runs again {@link TargetRun#RETRY_DELAY}
 * later when the target's schedule would run it later than that ({@link TargetRun#retryDelay}).
 */
@Component
class ProbeScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);
    private static final long MAX_PHASE_MS = 5_000;

    private final CollectorSettings settings;
    private final ProbeFactory probes;
    private final SampleBuffer buffer;
    private final CollectionStatus status;
    private final Clock clock;
    private final List<Probe> created = new ArrayList<>();
    private final Map<TargetRun, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private volatile boolean running;

    ProbeScheduler(CollectorSettings settings, ProbeFactory probes, SampleBuffer buffer, CollectionStatus status,
                   Clock clock) {
        this.settings = settings;
        this.probes = probes;
        this.buffer = buffer;
        this.status = status;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        int targets = settings.targets().size();
        timer = Executors.newSingleThreadScheduledExecutor(daemon("probe-timer"));
        workers = new ThreadPoolExecutor(Math.max(1, targets), Math.max(1, targets), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("probe"));
        List<TargetRun> runs = new ArrayList<>();
        for (Target target : settings.targets()) {
            Probe probe = probes.create(target);
            created.add(probe);
            runs.add(new TargetRun(target, probe, settings.hostId(), clock, workers, this::publish));
        }
        for (TargetRun run : runs) {
            long interval = run.target().interval().toMillis();
            long phase = ThreadLocalRandom.current().nextLong(Math.min(interval, MAX_PHASE_MS));
            schedules.put(run, timer.scheduleAtFixedRate(() -> tick(run), phase, interval, TimeUnit.MILLISECONDS));
        }
        running = true;
        log.info("Probing {} targets as host {}: {}", targets, settings.hostId(),
                runs.stream().map(r -> r.target().id() + " every " + r.target().interval().toMillis() + " ms")
                        .toList());
    }

    private void tick(TargetRun run) {
        try {
            run.tick().thenAccept(sample -> retryIfDue(run, sample));
        } catch (RuntimeException e) {
            // an exception escaping a fixed-rate task would silently cancel all later runs of this target
            log.error("Probing {} failed", run.target().id(), e);
        }
    }

    private void retryIfDue(TargetRun run, Sample sample) {
        ScheduledFuture<?> schedule = schedules.get(run);
        if (schedule == null || !running) {
            return;
        }
        Duration untilScheduled = Duration.ofMillis(schedule.getDelay(TimeUnit.MILLISECONDS));
        TargetRun.retryDelay(sample, untilScheduled).ifPresent(delay -> {
            try {
                timer.schedule(() -> tick(run), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping: the timer takes no more runs
            }
        });
    }

    private void publish(Sample sample) {
        status.record(sample);
        buffer.offer(sample);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
            workers.shutdownNow();
            created.forEach(Probe::close);
            created.clear();
            schedules.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
