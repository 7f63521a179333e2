package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark's figures, written as {@code <results dir>/<name>.json} with a one-line summary on stdout. The
 * directory is {@code bench.results} (system property) or {@code target/results} under the working directory.
 */
final class Results {

    static final String DIRECTORY_PROPERTY = "bench.results";

    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private Results(String name) {
        this.name = name;
        figures.put("benchmark", name);
    }

    static Results of(String name) {
        return new Results(name);
    }

    /** Adds a figure; the order of calls is the order in the file. */
    Results put(String key, Object value) {
        figures.put(key, value instanceof Double d ? round(d) : value);
        return this;
    }

    /** The figures so far, in order; read-only. */
    Map<String, Object> figures() {
        return Collections.unmodifiableMap(figures);
    }

    static Path directory() {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/results"));
    }

    /** Writes the file and prints {@code RESULT <name> key=value ...}; returns the file. */
    Path write() {
        Path file = directory().resolve(name + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(figures) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        StringBuilder line = new StringBuilder("RESULT ").append(name);
        figures.forEach((key, value) -> {
            if (!(value instanceof Map<?, ?>) && !"benchmark".equals(key)) {
                line.append(' ').append(key).append('=').append(value);
            }
        });
        System.out.println(line);
        return file;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10_000) / 10_000.0 : value;
    }
}
