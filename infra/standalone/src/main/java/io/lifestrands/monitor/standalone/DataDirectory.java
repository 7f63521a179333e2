package io.lifestrands.monitor.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creating and emptying the standalone's data directory. */
final class DataDirectory {

    private DataDirectory() {
    }

    static void create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dir
                    + " (set MONITOR_DATA_DIR to a writable directory): " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the data directory " + dir, e);
        }
    }
}
