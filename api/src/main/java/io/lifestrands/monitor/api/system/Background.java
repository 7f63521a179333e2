package io.lifestrands.monitor.api.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The api's one way to run work off the request and consumer threads: a few named daemon threads running periodic,
 * delayed and immediate tasks. A task that throws is logged and never ends its schedule; after {@link #close} new
 * tasks are dropped, tasks already due finish within the grace and the rest never run.
 */
public final class Background implements Executor, AutoCloseable {

    /** How long {@link #close()} lets due and running tasks finish before interrupting them. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final String name;
    private final ScheduledThreadPoolExecutor executor;

    private Background(String name, int threads) {
        this.name = name;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * @param name    thread name prefix: threads are {@code name-1}, {@code name-2}, …
     * @param threads how many tasks may run at once
     */
    public static Background start(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads of " + name + " must be >= 1, was " + threads);
        }
        return new Background(name, threads);
    }

    /**
     * Runs {@code task} every {@code period} (the next run a period after the previous one ended), the first run
     * after {@code initialDelay}, until the returned future is cancelled or this is closed.
     */
    public Future<?> every(Duration initialDelay, Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period of " + name + " must be > 0, was " + period);
        }
        return executor.scheduleWithFixedDelay(guarded(task), initialDelay.toNanos(), period.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code task} once, {@code delay} from now.
     *
     * @return false when this is closed and the task will not run
     */
    public boolean after(Duration delay, Runnable task) {
        try {
            executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            log.debug("{} is closed; dropping a task", name);
            return false;
        }
    }

    /** Runs {@code task} as soon as a thread is free; dropped when this is closed. */
    @Override
    public void execute(Runnable task) {
        after(Duration.ZERO, task);
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    /**
     * Stops: periodic tasks and delayed ones not yet due are dropped, tasks already due or running get
     * {@code grace} to finish, then they are interrupted.
     */
    public void close(Duration grace) {
        // not yet due: dropped, so a push planned for an hour from now does not hold up the stop
        executor.getQueue().removeIf(task -> ((Delayed) task).getDelay(TimeUnit.NANOSECONDS) > 0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                log.info("{} still running after {}; interrupting it", name, grace);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public boolean isClosed() {
        return executor.isShutdown();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // logged here once for every task: a failed run must not cancel its schedule
                log.warn("A {} task failed", name, e);
            }
        };
    }
}
