package io.lifestrands.monitor.processorapp;

import io.lifestrands.monitor.processor.MonitorProcessor;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs {@link MonitorProcessor} in a container: processor and alert settings from the environment (as
 * {@link MonitorProcessor#main} reads them), the Streams state written to a health file that the container's
 * healthcheck reads, and an exit with status 1 if the processor stops for good ({@code NOT_RUNNING}). A Streams
 * client in ERROR is replaced inside the processor after a backoff (the file says {@code DOWN ERROR} meanwhile), not
 * by restarting the container.
 */
public final class ProcessorLauncher {

    /** Where the health file is written; default {@code /tmp/monitor-processor.health}. */
    public static final String HEALTH_FILE_ENV = "MONITOR_PROCESSOR_HEALTH_FILE";
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ProcessorLauncher.class);

    private ProcessorLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        HealthFile health = new HealthFile(Path.of(env.getOrDefault(HEALTH_FILE_ENV,
                "/tmp/monitor-processor.health")));
        MonitorProcessor processor = MonitorProcessor.startFromEnv(env);
        Thread closer = new Thread(processor::close, "monitor-processor-shutdown");
        Runtime.getRuntime().addShutdownHook(closer);
        KafkaStreams.State state;
        do {
            Thread.sleep(HEALTH_INTERVAL.toMillis());
            state = processor.state();
            health.write(state);
        } while (!HealthFile.isFinal(state));
        log.error("Processor stopped in state {}; exiting so that the container is restarted", state);
        Runtime.getRuntime().removeShutdownHook(closer);
        processor.close();
        System.exit(1);
    }
}
