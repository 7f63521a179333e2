package io.lifestrands.monitor.processorapp;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A one-line file {@code UP <state>} or {@code DOWN <state>} that a container healthcheck can read without a JVM;
 * replaced atomically, so a reader never sees half a line. Its modification time tells that the writer is alive.
 */
final class HealthFile {

    private static final Logger log = LoggerFactory.getLogger(HealthFile.class);

    private final Path path;

    HealthFile(Path path) {
        this.path = path;
    }

    /** Processing or about to: a rebalance is part of normal operation (an instance joined or left). */
    static boolean isHealthy(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    /**
     * The instance will not process again without a restart: it was closed. ERROR is not final: the processor
     * replaces a failed Streams client itself after a backoff, and exiting then would race that restart.
     */
    static boolean isFinal(KafkaStreams.State state) {
        return state == KafkaStreams.State.NOT_RUNNING;
    }

    static String line(KafkaStreams.State state) {
        return (isHealthy(state) ? "UP " : "DOWN ") + state.name() + "\n";
    }

    /** Writes the line; a failure is logged, never thrown: the missing update already tells the healthcheck. */
    void write(KafkaStreams.State state) {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.writeString(temp, line(state), StandardCharsets.UTF_8);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot write health file {}", path, e);
        }
    }
}
