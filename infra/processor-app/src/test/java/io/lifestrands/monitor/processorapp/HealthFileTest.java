package io.lifestrands.monitor.processorapp;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HealthFileTest {

    @TempDir
    Path dir;

    @Test
    void runningAndRebalancingAreUpEverythingElseDown() {
        assertThat(HealthFile.line(KafkaStreams.State.RUNNING)).isEqualTo("UP RUNNING\n");
        assertThat(HealthFile.line(KafkaStreams.State.REBALANCING)).isEqualTo("UP REBALANCING\n");
        assertThat(HealthFile.line(KafkaStreams.State.CREATED)).isEqualTo("DOWN CREATED\n");
        assertThat(HealthFile.line(KafkaStreams.State.ERROR)).isEqualTo("DOWN ERROR\n");
    }

    @Test
    void onlyAClosedProcessorEndsTheLauncher() {
        assertThat(HealthFile.isFinal(KafkaStreams.State.NOT_RUNNING)).isTrue();
        // the processor restarts a client in ERROR itself
        assertThat(HealthFile.isFinal(KafkaStreams.State.ERROR)).isFalse();
        assertThat(HealthFile.isFinal(KafkaStreams.State.PENDING_ERROR)).isFalse();
        assertThat(HealthFile.isFinal(KafkaStreams.State.REBALANCING)).isFalse();
        assertThat(HealthFile.isFinal(KafkaStreams.State.CREATED)).isFalse();
    }

    @Test
    void writeReplacesTheWholeLine() throws Exception {
        Path file = dir.resolve("processor.health");
        HealthFile health = new HealthFile(file);

        health.write(KafkaStreams.State.REBALANCING);
        health.write(KafkaStreams.State.ERROR);

        assertThat(Files.readString(file)).isEqualTo("DOWN ERROR\n");
        assertThat(dir.resolve("processor.health.tmp")).doesNotExist();
    }
}
