package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.processor.topology.MonitorTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import java.util.Map;
import java.util.Properties;

/**
 * The processor as a separate JVM for fault injection: the production topology and {@code toProperties()} with two
 * documented overrides. {@value #SESSION_TIMEOUT_ENV} (default 6 s) bounds how long a SIGKILLed instance's tasks
 * stay unowned (the consumer default, 45 s, exceeds the window grace); {@value #GUARANTEE_ENV} replaces the
 * processing guarantee for the negative control ({@code at_least_once} must over-count or re-emit under kill -9), and
 * {@value #COMMIT_INTERVAL_ENV} its commit interval.
 * Prints {@code STATE <state>} lines on stdout for the harness.
 */
public final class ChaosProcessor {

    public static final String SESSION_TIMEOUT_ENV = "CHAOS_SESSION_TIMEOUT_MS";
    public static final String GUARANTEE_ENV = "CHAOS_PROCESSING_GUARANTEE";
    public static final String COMMIT_INTERVAL_ENV = "CHAOS_COMMIT_INTERVAL_MS";

    private ChaosProcessor() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        ProcessorSettings settings = ProcessorSettings.fromEnv(env);
        KafkaStreams streams = new KafkaStreams(MonitorTopology.build(settings), properties(settings, env));
        // as MonitorProcessor: a failed thread is replaced and resumes from the last commit
        streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.setStateListener((newState, oldState) -> System.out.println("STATE " + newState));
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "chaos-processor-stop"));
        streams.start();
    }

    static Properties properties(ProcessorSettings settings, Map<String, String> env) {
        Properties props = settings.toProperties();
        String sessionTimeout = env.getOrDefault(SESSION_TIMEOUT_ENV, "6000");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), sessionTimeout);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                Integer.toString(Math.max(500, Integer.parseInt(sessionTimeout) / 4)));
        String guarantee = env.get(GUARANTEE_ENV);
        if (guarantee != null && !guarantee.isBlank()) {
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        }
        String commitInterval = env.get(COMMIT_INTERVAL_ENV);
        if (commitInterval != null && !commitInterval.isBlank()) {
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval);
        }
        return props;
    }
}
