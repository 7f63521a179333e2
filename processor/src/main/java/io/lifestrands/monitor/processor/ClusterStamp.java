package io.lifestrands.monitor.processor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The id of the Kafka cluster whose changelogs an application's local state came from, kept in the file
 * {@code <state.dir>/<application.id>/cluster-id} beside the stores, so that state is never used against another
 * cluster: its offsets and contents mean nothing there.
 */
final class ClusterStamp {

    static final String FILE_NAME = "cluster-id";

    private static final Logger log = LoggerFactory.getLogger(ClusterStamp.class);

    private final Path directory;
    private final Path file;

    ClusterStamp(Path stateDir, String applicationId) {
        this.directory = stateDir.resolve(applicationId);
        this.file = directory.resolve(FILE_NAME);
    }

    /** The recorded cluster id; empty when none was recorded (a fresh directory, or state older than the stamp). */
    Optional<String> read() {
        try {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code wipe} unless the local state is stamped with {@code clusterId}, then stamps it with that id. State
     * without a stamp is wiped too: nobody can tell which cluster it came from. The stamp is written after the wipe,
     * so a crash in between leaves the old stamp and the next start wipes again.
     *
     * @return whether {@code wipe} ran
     * @throws IllegalStateException when the stamp cannot be read or written
     */
    boolean claim(String clusterId, Runnable wipe) {
        Optional<String> recorded = read();
        if (recorded.isPresent() && recorded.get().equals(clusterId)) {
            return false;
        }
        if (recorded.isPresent()) {
            log.warn("Local state in {} was built from Kafka cluster {}, but the brokers are cluster {}: wiping it, "
                    + "the stores are restored from the changelogs", directory, recorded.get(), clusterId);
        } else {
            log.info("No Kafka cluster recorded for the local state in {}: wiping any there and recording cluster {}",
                    directory, clusterId);
        }
        wipe.run();
        write(clusterId);
        return true;
    }

    private void write(String clusterId) {
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.writeString(temp, clusterId + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot record cluster " + clusterId + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
