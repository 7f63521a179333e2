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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One processor instance as a child JVM ({@link ChaosProcessor} on this JVM's class path) with its own state
 * directory and log file; {@link #kill()} is {@code kill -9}, {@link #start()} after it reuses the state directory
 * as a restarted container would. The general constructor runs any main class of the class path the same way (the
 * api in R10), ready when its log shows a given marker.
 */
public final class ProcessorInstance implements AutoCloseable {

    /** What {@link ChaosProcessor} prints when Kafka Streams is RUNNING. */
    static final String PROCESSOR_READY = "STATE RUNNING";

    private final String name;
    private final String mainClass;
    private final List<String> args;
    private final String heap;
    private final String readyMarker;
    private final Map<String, String> env;
    private final Path log;
    private final Clock clock;
    private Process process;
    private int starts;

    public ProcessorInstance(String name, Map<String, String> env, Path workDir, Clock clock) {
        this(name, ChaosProcessor.class.getName(), List.of(), "256m", PROCESSOR_READY, env, workDir, clock);
    }

    /**
     * @param mainClass   a main class on this JVM's class path
     * @param args        its program arguments
     * @param heap        {@code -Xmx} of the child
     * @param readyMarker the log text that shows a run of the child is ready
     */
    public ProcessorInstance(String name, String mainClass, List<String> args, String heap, String readyMarker,
                             Map<String, String> env, Path workDir, Clock clock) {
        this.name = name;
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
        this.heap = heap;
        this.readyMarker = readyMarker;
        this.env = Map.copyOf(env);
        this.log = workDir.resolve(name + ".log");
        this.clock = clock;
    }

    public void start() throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx" + heap, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
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

    /** Waits until the current run of the instance has logged its ready marker ({@code STATE RUNNING}). */
    public boolean awaitRunning(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        String marker = "=== start " + starts + " ";
        while (clock.instant().isBefore(deadline)) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.substring(text.lastIndexOf(marker)).contains(readyMarker)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * The sum over the instance's runs of the last value each printed after {@code prefix} on a line of its own
     * (a counter such as {@link ChaosProcessor#LATE_TOTAL}); 0 when none printed one. A run killed -9 loses what it
     * counted after its last line, so the sum is exact only for runs that were not killed.
     */
    public long printedTotal(String prefix) throws IOException {
        long total = 0;
        long last = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("=== start ")) {
                total += last;
                last = 0;
            } else if (line.startsWith(prefix)) {
                last = Long.parseLong(line.substring(prefix.length()).trim());
            }
        }
        return total + last;
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
