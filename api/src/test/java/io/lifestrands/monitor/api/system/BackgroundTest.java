package io.lifestrands.monitor.api.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackgroundTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Background background = Background.start("background-test", 2);

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void aPeriodicTaskThatThrowsKeepsItsSchedule() {
        AtomicInteger runs = new AtomicInteger();

        background.every(Duration.ZERO, Duration.ofMillis(1), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("fails every time");
        });

        await().atMost(WAIT).until(() -> runs.get() >= 3);
    }

    @Test
    void tasksRunOnNamedDaemonThreads() throws Exception {
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);

        background.execute(() -> {
            ran.set(Thread.currentThread());
            done.countDown();
        });

        assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(ran.get().getName()).startsWith("background-test-");
        assertThat(ran.get().isDaemon()).isTrue();
    }

    @Test
    void closeDropsTasksNotYetDueWithoutWaitingForThem() {
        AtomicBoolean ran = new AtomicBoolean();
        background.after(Duration.ofHours(1), () -> ran.set(true));
        background.every(Duration.ofHours(1), Duration.ofHours(1), () -> ran.set(true));
        long start = System.nanoTime();

        background.close(Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(background.isClosed()).isTrue();
        assertThat(ran).isFalse();
    }

    @Test
    void closeLetsARunningTaskFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        background.execute(() -> {
            started.countDown();
            try {
                release.await();
                finished.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        Thread closing = new Thread(() -> background.close(WAIT));
        closing.start();
        release.countDown();
        closing.join(WAIT.toMillis());

        assertThat(finished).isTrue();
    }

    @Test
    void aTaskGivenAfterCloseIsDroppedQuietly() {
        AtomicBoolean ran = new AtomicBoolean();
        background.close();

        boolean taken = background.after(Duration.ZERO, () -> ran.set(true));
        background.execute(() -> ran.set(true));

        assertThat(taken).isFalse();
        assertThat(ran).isFalse();
    }
}
