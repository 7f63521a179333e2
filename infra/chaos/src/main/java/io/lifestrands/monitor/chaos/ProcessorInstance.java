package io.lifestrands.monitor.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One processor instance as a child JVM ({@link ChaosProcessor} on this JVM's class path) with its own state
 * directory and log file; {@link #kill()} is {@code kill -9}, {@link #start()} after it reuses the state directory
 * as a restarted container would.
 */
public final class ProcessorInstance implements AutoCloseable {

    private final String name;
    private final Map<String, String> env;
    private final Path log;
    private final Clock clock;
    private Process process;
    private int starts;

    public ProcessorInstance(String name, Map<String, String> env, Path workDir, Clock clock) {
        this.name = name;
        this.env = Map.copyOf(env);
        this.log = workDir.resolve(name + ".log");
        this.clock = clock;
    }

    public void start() throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ChaosProcessor.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        starts++;
        Files.writeString(log, "=== start " + starts + " at " + clock.instant() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = builder.start();
    }

    /** SIGKILL: no shutdown hook, no commit, no clean close of stores or the transaction. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits until the current run of the instance has logged {@code STATE RUNNING}. */
    public boolean awaitRunning(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        String marker = "=== start " + starts + " ";
        while (clock.instant().isBefore(deadline)) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.substring(text.lastIndexOf(marker)).contains("STATE RUNNING")) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Whether the instance ever logged that it entered {@code ERROR}. */
    public boolean enteredError() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8).contains("STATE ERROR");
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String name() {
        return name;
    }

    public File logFile() {
        return log.toFile();
    }

    /** Stops the instance cleanly (SIGTERM: the shutdown hook closes Streams). */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
