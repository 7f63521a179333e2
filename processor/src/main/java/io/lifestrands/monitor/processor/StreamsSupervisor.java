package io.lifestrands.monitor.processor;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps a Streams application of this JVM processing: when its client reaches ERROR (the global thread died, a stream
 * thread could not be replaced, the handler answered SHUTDOWN_CLIENT) it logs the cause once, closes that client and,
 * after a {@link RestartBackoff}, starts a new one from the same factory with its local state wiped. Every start,
 * restart and close runs on one supervisor thread, so a restart never races {@link #close()}. Every state change of
 * the supervised client is reported as a {@link Status}.
 */
final class StreamsSupervisor implements AutoCloseable {

    /**
     * The supervised client as a heartbeat reports it.
     *
     * @param state       the client's state; {@code ERROR} while a failed client waits for its successor,
     *                    {@code NOT_RUNNING} once the supervisor is closed
     * @param since       when the client entered {@code state}
     * @param restarts    how many clients were started in place of a failed one, this one included
     * @param lastFailure what the last client that failed died of; null when none failed or it reported nothing
     */
    record Status(KafkaStreams.State state, Instant since, int restarts, Throwable lastFailure) {
    }

    private static final Logger log = LoggerFactory.getLogger(StreamsSupervisor.class);

    private final String name;
    private final Supplier<KafkaStreams> clients;
    private final StreamsUncaughtExceptionHandler threadFailures;
    private final RestartBackoff backoff;
    private final Clock clock;
    private final Duration closeTimeout;
    private final Consumer<Status> statusListener;
    private final ScheduledThreadPoolExecutor supervisor;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile KafkaStreams current;
    /** The client being started, whose state changes count before it becomes {@link #current}. */
    private volatile KafkaStreams launching;
    private volatile boolean closed;
    /** Not {@code this}: {@link #close()} holds that while a closing client reports its state changes. */
    private final Object statusLock = new Object();
    private Status status;

    /**
     * @param name           application id, for the log and the supervisor thread's name
     * @param clients        makes a new, unstarted client of the topology; may throw (e.g. the broker is unreachable)
     * @param threadFailures what to do when a thread of a client dies
     * @param closeTimeout   how long closing a client may take
     * @param statusListener told every new {@link Status}, on a Streams or the supervisor thread: must return quickly
     *                       and never block
     */
    StreamsSupervisor(String name, Supplier<KafkaStreams> clients, StreamsUncaughtExceptionHandler threadFailures,
                      RestartBackoff backoff, Clock clock, Duration closeTimeout, Consumer<Status> statusListener) {
        this.name = name;
        this.clients = clients;
        this.threadFailures = threadFailures;
        this.backoff = backoff;
        this.clock = clock;
        this.closeTimeout = closeTimeout;
        this.statusListener = statusListener;
        this.status = new Status(KafkaStreams.State.CREATED, clock.instant(), 0, null);
        // not a daemon: between a failed client and its successor no Streams thread keeps the JVM alive
        this.supervisor = new ScheduledThreadPoolExecutor(1, task -> new Thread(task, name + "-supervisor"));
        // a restart still waiting for its backoff at close must never run
        this.supervisor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts the first client, keeping its local state. A failure here is not retried: it is thrown, and the
     * supervisor is closed.
     */
    void start() {
        Future<?> started = supervisor.submit(() -> launch(false));
        try {
            started.get();
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException("Could not start " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("Interrupted while starting " + name, e);
        }
    }

    /** The supervised client: the running one, or the failed one until its successor has started. */
    KafkaStreams client() {
        KafkaStreams client = current;
        if (client == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return client;
    }

    /** How many clients were started in place of a failed one. */
    int restarts() {
        return restarts.get();
    }

    /** The latest status of the supervised client. */
    Status status() {
        synchronized (statusLock) {
            return status;
        }
    }

    private void launch(boolean afterFailure) {
        KafkaStreams client = clients.get();
        int restart = afterFailure ? restarts.get() + 1 : restarts.get();
        Status before = status();
        launching = client;
        try {
            AtomicReference<Throwable> lastFailure = new AtomicReference<>();
            client.setUncaughtExceptionHandler(e -> {
                lastFailure.set(e);
                return threadFailures.handle(e);
            });
            client.setStateListener((newState, oldState) -> changed(client, lastFailure, restart, newState,
                    oldState));
            if (afterFailure) {
                // Wiped after every failure, not only for a "state" cause: ERROR means a thread died in a way Streams
                // would not repair, the causes are wrapped in StreamsExceptions that do not classify reliably, and
                // under exactly_once_v2 the changelogs hold every committed transaction anyway (a dirty close discards
                // uncommitted task state regardless). The price is one full restore, after a rare event.
                client.cleanUp();
            }
            client.start();
        } catch (RuntimeException e) {
            launching = null;
            client.close(closeTimeout);
            // the client that failed to start was never the supervised one
            report(before);
            throw e;
        }
        backoff.started();
        current = client;
        launching = null;
    }

    /** Called on the client's threads: only hands work to the supervisor thread, never closes a client here. */
    private void changed(KafkaStreams client, AtomicReference<Throwable> lastFailure, int restart,
                         KafkaStreams.State newState, KafkaStreams.State oldState) {
        log.info("Processor {} state {} -> {}", name, oldState, newState);
        if (client == current || client == launching) {
            boolean failed = newState == KafkaStreams.State.PENDING_ERROR || newState == KafkaStreams.State.ERROR;
            Throwable failure = failed ? lastFailure.get() : status().lastFailure();
            report(newState, restart, failure);
        }
        if (newState == KafkaStreams.State.RUNNING) {
            Instant now = clock.instant();
            run(() -> {
                if (client == current) {
                    backoff.running(now);
                }
            });
        } else if (newState == KafkaStreams.State.ERROR) {
            run(() -> recover(client, lastFailure.get()));
        }
    }

    private void recover(KafkaStreams failed, Throwable cause) {
        if (closed || failed != current) {
            return;
        }
        Duration delay = backoff.failed(clock.instant());
        if (cause == null) {
            log.error("Processor {} stopped in ERROR (no exception reported); restart {} in {} with wiped local state",
                    name, restarts.get() + 1, delay);
        } else {
            log.error("Processor {} stopped in ERROR; restart {} in {} with wiped local state", name,
                    restarts.get() + 1, delay, cause);
        }
        failed.close(closeTimeout);
        schedule(this::restart, delay);
    }

    private void restart() {
        if (closed) {
            return;
        }
        try {
            launch(true);
            log.warn("Processor {} restarted with wiped local state (restart {})", name, restarts.incrementAndGet());
        } catch (RuntimeException e) {
            Duration delay = backoff.failed(clock.instant());
            log.error("Processor {} could not be restarted; next attempt in {}", name, delay, e);
            schedule(this::restart, delay);
        }
    }

    /** A new status when the state changed, else the same one with the new restart count and failure. */
    private void report(KafkaStreams.State state, int restart, Throwable failure) {
        synchronized (statusLock) {
            Instant since = status.state() == state ? status.since() : clock.instant();
            report(new Status(state, since, restart, failure));
        }
    }

    /** Under the lock, so that the listener hears the statuses in the order they were set. */
    private void report(Status next) {
        synchronized (statusLock) {
            status = next;
            try {
                statusListener.accept(next);
            } catch (RuntimeException e) {
                // a heartbeat is never worth a Streams thread
                log.warn("Processor {} status listener failed", name, e);
            }
        }
    }

    private void run(Runnable task) {
        try {
            supervisor.execute(task);
        } catch (RejectedExecutionException closing) {
            // closed: nothing is restarted any more
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            supervisor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed: nothing is restarted any more
        }
    }

    /**
     * Stops supervising and closes the client. A restart waiting for its backoff is dropped; a start in progress
     * finishes first and its client is then closed. Waits at most twice the close timeout.
     */
    @Override
    public synchronized void close() {
        if (supervisor.isShutdown()) {
            return;
        }
        closed = true;
        Future<Boolean> stopped = supervisor.submit(() -> current == null || current.close(closeTimeout));
        supervisor.shutdown();
        try {
            if (!stopped.get(closeTimeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Processor {} did not stop within {}", name, closeTimeout);
            }
            supervisor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Processor {} did not stop within {}", name, closeTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Status last = status();
        report(KafkaStreams.State.NOT_RUNNING, last.restarts(), last.lastFailure());
    }
}
