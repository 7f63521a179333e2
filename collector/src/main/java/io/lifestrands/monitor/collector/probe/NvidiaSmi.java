package io.lifestrands.monitor.collector.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * GPU memory and utilisation from {@code nvidia-smi}, when that program is on the PATH. Without it there are no GPU
 * metrics at all: absent, never zero or made up.
 */
final class NvidiaSmi {

    private static final String QUERY = "--query-gpu=memory.used,memory.total,utilization.gpu";
    private static final long MIB = 1024L * 1024;

    private final Path command;

    private NvidiaSmi(Path command) {
        this.command = command;
    }

    /** The {@code nvidia-smi} on the PATH, if there is one. */
    static Optional<NvidiaSmi> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : new String[] {"nvidia-smi", "nvidia-smi.exe"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new NvidiaSmi(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the query: {@code gpu_memory_used_bytes}, {@code gpu_memory_total_bytes} and {@code gpu_memory_pct}
     * summed over all GPUs, {@code gpu_util_pct} their mean, {@code gpu_count}.
     *
     * @throws IOException when the program fails, times out or prints something else than expected
     */
    Map<String, Double> read(Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command.toString(), QUERY, "--format=csv,noheader,nounits")
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("nvidia-smi did not finish within " + timeout.toMillis() + " ms");
            }
            output = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new IOException("nvidia-smi exited with " + process.exitValue() + ": " + output.strip());
        }
        return parse(output);
    }

    static Map<String, Double> parse(String csv) throws IOException {
        double used = 0;
        double total = 0;
        double util = 0;
        int gpus = 0;
        for (String line : csv.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            try {
                used += Double.parseDouble(fields[0].strip()) * MIB;
                total += Double.parseDouble(fields[1].strip()) * MIB;
                util += Double.parseDouble(fields[2].strip());
                gpus++;
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException("unexpected nvidia-smi line '" + ProbeErrors.clip(line) + "'", e);
            }
        }
        Map<String, Double> metrics = new HashMap<>();
        if (gpus == 0) {
            return metrics;
        }
        metrics.put("gpu_count", (double) gpus);
        metrics.put("gpu_memory_used_bytes", used);
        metrics.put("gpu_memory_total_bytes", total);
        if (total > 0) {
            metrics.put("gpu_memory_pct", Math.round(used * 10_000 / total) / 100.0);
        }
        metrics.put("gpu_util_pct", Math.round(util * 100 / gpus) / 100.0);
        return metrics;
    }
}
