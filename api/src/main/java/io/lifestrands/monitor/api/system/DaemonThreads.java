package io.lifestrands.monitor.api.system;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** Background schedulers whose threads never keep the JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A single-threaded scheduler with daemon threads named {@code name-1}, {@code name-2}, … */
    public static ScheduledExecutorService scheduler(String name) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
