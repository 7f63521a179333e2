package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.processor.ProcessorMetrics;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.topology.MonitorTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * The processor as a separate JVM for fault injection: the production topology and {@code toProperties()} from
 * {@code ProcessorSettings.fromEnv}, so the runs use the production settings (the consumer session timeout
 * {@code MONITOR_PROCESSOR_SESSION_TIMEOUT}, 10 s by default) and the negative controls change only environment
 * variables ({@code MONITOR_PROCESSING_GUARANTEE=at_least_once}, {@code MONITOR_PROCESSOR_COMMIT_INTERVAL}).
 * Prints {@code STATE <state>} lines on stdout for the harness, and {@code METRIC late-total <n>} whenever the
 * processor's late counter ({@link ProcessorMetrics#LATE}, summed over its tasks) changes.
 */
public final class ChaosProcessor {

    /** What precedes the late counter's value on stdout. */
    static final String LATE_TOTAL = "METRIC " + ProcessorMetrics.LATE + "-total ";

    private ChaosProcessor() {
    }

    public static void main(String[] args) {
        ProcessorSettings settings = ProcessorSettings.fromEnv(System.getenv());
        KafkaStreams streams = new KafkaStreams(MonitorTopology.build(settings), settings.toProperties());
        // as MonitorProcessor: a failed thread is replaced and resumes from the last commit
        streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.setStateListener((newState, oldState) -> System.out.println("STATE " + newState));
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "chaos-processor-stop"));
        streams.start();
        Thread reporter = new Thread(() -> reportLate(streams), "chaos-processor-metrics");
        reporter.setDaemon(true);
        reporter.start();
    }

    private static void reportLate(KafkaStreams streams) {
        long printed = 0;
        while (true) {
            long late = ProcessorMetrics.total(streams.metrics(), ProcessorMetrics.LATE);
            if (late != printed) {
                System.out.println(LATE_TOTAL + late);
                printed = late;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
