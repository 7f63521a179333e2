package io.lifestrands.monitor.processor;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

import java.util.Map;
import java.util.TreeMap;

/**
 * The processor's own Kafka Streams metrics: counters of dead-lettered and late records, reported beside the
 * built-in ones (JMX group {@code stream-monitor-metrics}, metrics {@code <counter>-total} and
 * {@code <counter>-rate}, tags {@code thread-id}, {@code monitor-id} = node and task), and the dead letters per
 * service and reason ({@link #DEAD_LETTERED_BY_SERVICE}, tags {@code service} and {@code reason} besides).
 */
public final class ProcessorMetrics {

    /** Records sent to {@code monitor.dlq.v1}, for any reason including lateness. */
    public static final String DEAD_LETTERED = "dead-lettered";
    /** Samples that arrived after their window had closed (also counted in {@link #DEAD_LETTERED}). */
    public static final String LATE = "late";
    /**
     * The records of {@link #DEAD_LETTERED} once more, by tags {@value #SERVICE_TAG} (the service the record is of)
     * and {@value #REASON_TAG} (its category: {@code invalid}, {@code late}, {@code implausible}, {@code failed}).
     */
    public static final String DEAD_LETTERED_BY_SERVICE = "dead-lettered-by-service";
    public static final String SERVICE_TAG = "service";
    public static final String REASON_TAG = "reason";
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

    /**
     * A {@link #DEAD_LETTERED_BY_SERVICE} counter of one node and task for one service and reason; remove it with
     * {@link #remove}. Service and reason are part of the entity too: a sensor is found by thread, entity and name,
     * not by its tags.
     */
    public static Sensor deadLetterCounter(ProcessingContext context, String node, String service, String reason) {
        String entity = node + "." + context.taskId() + "." + service + "." + reason;
        return context.metrics().addRateTotalSensor(SCOPE, entity, DEAD_LETTERED_BY_SERVICE,
                Sensor.RecordingLevel.INFO, SERVICE_TAG, service, REASON_TAG, reason);
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

    /**
     * The dead letters in {@code metrics} by service, then reason, summed over nodes, tasks and threads: e.g.
     * {@code gateway -> {implausible -> 3, late -> 1}}.
     */
    public static Map<String, Map<String, Long>> deadLettersByService(Map<MetricName, ? extends Metric> metrics) {
        String name = DEAD_LETTERED_BY_SERVICE + "-total";
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName metric = entry.getKey();
            if (GROUP.equals(metric.group()) && name.equals(metric.name())) {
                long count = Math.round(((Number) entry.getValue().metricValue()).doubleValue());
                out.computeIfAbsent(metric.tags().get(SERVICE_TAG), service -> new TreeMap<>())
                        .merge(metric.tags().get(REASON_TAG), count, Long::sum);
            }
        }
        return out;
    }
}
