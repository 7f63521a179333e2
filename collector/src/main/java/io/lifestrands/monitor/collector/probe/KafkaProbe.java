package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Kafka cluster through one long-lived admin client: up when the cluster answers {@code describeCluster} within
 * the timeout (latency = that call), metric {@code kafka_brokers}, and {@code consumer_lag:<group>} (sum over the
 * group's partitions of end offset minus committed offset) for each configured group that has committed offsets.
 * A group whose lag cannot be read leaves the sample up and is named in label {@code detail_error}.
 */
final class KafkaProbe implements Probe {

    private final String host;
    private final Target target;
    private Admin admin;

    KafkaProbe(String host, Target target) {
        this.host = host;
        this.target = target;
    }

    @Override
    public String service() {
        return target.id();
    }

    @Override
    public synchronized Sample probe(Instant now) {
        long start = System.nanoTime();
        long timeoutMs = target.timeout().toMillis();
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
                    .nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            double latencyMs = Probe.elapsedMs(start);
            Map<String, Double> metrics = new HashMap<>();
            metrics.put("kafka_brokers", (double) nodes.size());
            Map<String, String> labels = new HashMap<>(target.labels());
            StringBuilder errors = new StringBuilder();
            // the scheduler waits 2 x timeout for a probe: the groups share what describeCluster left of that
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(2 * timeoutMs);
            for (String group : target.groups()) {
                if (leftMs(deadline) <= 0) {
                    errors.append(errors.isEmpty() ? "" : "; ").append(group).append(": no time left");
                    continue;
                }
                try {
                    lag(group, deadline).ifPresent(lag -> metrics.put(MetricNames.of("consumer_lag", group), lag));
                } catch (ExecutionException | TimeoutException e) {
                    errors.append(errors.isEmpty() ? "" : "; ").append(group).append(": ")
                            .append(ProbeErrors.describe(e));
                }
            }
            if (!errors.isEmpty()) {
                labels.put("detail_error", HttpProbe.clipLabel(errors.toString()));
            }
            return new Sample(Sample.VERSION, SampleKind.PROBE, host, target.id(), now, true, latencyMs, null, null,
                    metrics, labels);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), e, ProbeErrors.describe(e),
                    target.labels());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), "interrupted", target.labels());
        }
    }

    private static long leftMs(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private Optional<Double> lag(String group, long deadlineNanos)
            throws ExecutionException, TimeoutException, InterruptedException {
        long timeoutMs = Math.max(1, leftMs(deadlineNanos));
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group,
                        new ListConsumerGroupOffsetsOptions().timeoutMs((int) timeoutMs))
                .partitionsToOffsetAndMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                latest.put(partition, OffsetSpec.latest());
            }
        });
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        long endsTimeoutMs = Math.max(1, leftMs(deadlineNanos));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest,
                new ListOffsetsOptions().timeoutMs((int) endsTimeoutMs)).all()
                .get(endsTimeoutMs, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
        }
        return Optional.of((double) lag);
    }

    private Admin admin() {
        if (admin == null) {
            int timeoutMs = (int) target.timeout().toMillis();
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.connection(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "collector-probe-" + target.id(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                    // reconnect quickly when the broker returns, but never hammer a dead one
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
