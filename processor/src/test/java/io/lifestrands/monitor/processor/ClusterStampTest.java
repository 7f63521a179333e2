package io.lifestrands.monitor.processor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterStampTest {

    private static final String APP = "monitor-processor-test";

    @TempDir
    Path stateDir;

    private final AtomicInteger wipes = new AtomicInteger();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(ClusterStamp.class)).addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(ClusterStamp.class)).detachAppender(logged);
    }

    @Test
    void firstStartRecordsTheCluster() {
        ClusterStamp stamp = new ClusterStamp(stateDir, APP);

        boolean wiped = stamp.claim("cluster-a", wipes::incrementAndGet);

        assertThat(wiped).isTrue();
        assertThat(stamp.read()).contains("cluster-a");
        assertThat(stateDir.resolve(APP).resolve("cluster-id")).hasContent("cluster-a");
        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO);
    }

    @Test
    void stateOfTheSameClusterIsKept() {
        new ClusterStamp(stateDir, APP).claim("cluster-a", () -> { });

        boolean wiped = new ClusterStamp(stateDir, APP).claim("cluster-a", wipes::incrementAndGet);

        assertThat(wiped).isFalse();
        assertThat(wipes).hasValue(0);
    }

    @Test
    void stateOfAnotherClusterIsWipedWithOneWarningNamingBothAndTheDirectory() {
        new ClusterStamp(stateDir, APP).claim("cluster-a", () -> { });
        logged.list.clear();

        boolean wiped = new ClusterStamp(stateDir, APP).claim("cluster-b", wipes::incrementAndGet);

        assertThat(wiped).isTrue();
        assertThat(wipes).hasValue(1);
        assertThat(new ClusterStamp(stateDir, APP).read()).contains("cluster-b");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("cluster-a", "cluster-b",
                    stateDir.resolve(APP).toString());
        });
    }

    @Test
    void stateWithoutAStampIsWiped() throws Exception {
        Files.createDirectories(stateDir.resolve(APP).resolve("0_0"));

        boolean wiped = new ClusterStamp(stateDir, APP).claim("cluster-a", wipes::incrementAndGet);

        assertThat(wiped).isTrue();
        assertThat(wipes).hasValue(1);
    }

    @Test
    void aFailedWipeLeavesTheOldStamp() {
        new ClusterStamp(stateDir, APP).claim("cluster-a", () -> { });
        ClusterStamp stamp = new ClusterStamp(stateDir, APP);

        assertThatThrownBy(() -> stamp.claim("cluster-b", () -> {
            throw new IllegalStateException("disk gone");
        })).hasMessage("disk gone");

        // so the next start wipes again
        assertThat(stamp.read()).contains("cluster-a");
    }
}
