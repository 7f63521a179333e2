package io.lifestrands.monitor.processor;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

import java.util.Map;

/**
 * The processor's own Kafka Streams metrics: counters of dead-lettered and late records, reported beside the
 * built-in ones (JMX group {@code stream-monitor-metrics}, metrics {@code <counter>-total} and
 * {@code <counter>-rate}, tags {@code thread-id}, {@code monitor-id} = node and task).
 */
public final class ProcessorMetrics {

    /** Records sent to {@code monitor.dlq.v1}, for any reason including lateness. */
    public static final String DEAD_LETTERED = "dead-lettered";
    /** Samples that arrived after their window had closed (also counted in {@link #DEAD_LETTERED}). */
    public static final String LATE = "late";
    public static final String GROUP = "stream-monitor-metrics";

    private static final String SCOPE = "monitor";

    private ProcessorMetrics() {
    }

    /**
     * A counter for one processor node of one task; remove it with {@link #remove} when the processor closes.
     * The task id is part of the entity because sensors are shared per thread and entity, and one thread may
     * run several tasks.
     */
    public static Sensor counter(ProcessingContext context, String node, String counter) {
        String entity = node + "." + context.taskId();
        return context.metrics().addRateTotalSensor(SCOPE, entity, counter, Sensor.RecordingLevel.INFO);
    }

    public static void remove(ProcessingContext context, Sensor sensor) {
        if (sensor != null) {
            context.metrics().removeSensor(sensor);
        }
    }

    /** Sum of a counter over all nodes, tasks and threads in {@code metrics} (of a KafkaStreams or test driver). */
    public static long total(Map<MetricName, ? extends Metric> metrics, String counter) {
        String name = counter + "-total";
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            if (GROUP.equals(entry.getKey().group()) && name.equals(entry.getKey().name())) {
                sum += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return Math.round(sum);
    }
}
