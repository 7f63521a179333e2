package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The broker a benchmark runs against: {@code KAFKA_BOOTSTRAP_SERVERS} when set, else a real embedded KRaft broker
 * started once per JVM. Every run starts from an empty topic catalog, so figures never include earlier data.
 */
final class Broker implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    private Broker(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static Broker connect() {
        String given = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        return new Broker(given != null && !given.isBlank() ? given : TestServers.kafka().bootstrapServers());
    }

    String bootstrap() {
        return bootstrap;
    }

    Admin admin() {
        return admin;
    }

    /**
     * Deletes the catalog's topics and creates them again empty. Waits until the deleted names are gone (creation
     * skips names that are still listed) and until every catalog topic is listed again.
     */
    void freshTopics() {
        Set<String> catalog = Topics.ALL.stream().map(t -> t.name()).collect(Collectors.toSet());
        try {
            Set<String> existing = listed(catalog);
            if (!existing.isEmpty()) {
                admin.deleteTopics(existing).all().get();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!listed(catalog).isEmpty()) {
                awaitOrFail(deadline, "deleted topics still listed: " + listed(catalog));
            }
            while (true) {
                try {
                    Topics.createMissing(admin, (short) 1);
                    if (listed(catalog).size() == catalog.size()) {
                        return;
                    }
                } catch (RuntimeException e) {
                    // a deleted topic is still being removed: creation is refused until it is gone
                    awaitOrFail(deadline, "cannot create the catalog: " + e.getMessage());
                    continue;
                }
                awaitOrFail(deadline, "catalog topics not listed after creation");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recreating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot recreate the topic catalog on " + bootstrap, e.getCause());
        }
    }

    private Set<String> listed(Set<String> names) throws InterruptedException, ExecutionException {
        Set<String> listed = new HashSet<>(admin.listTopics().names().get());
        listed.retainAll(names);
        return listed;
    }

    private static void awaitOrFail(long deadline, String problem) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(problem);
        }
        Thread.sleep(200);
    }

    /**
     * Writes {@code count} samples made by {@code make} (index → sample) to {@code monitor.samples.v1}, keyed by
     * service, stamped with their {@code ts}; returns the bytes written.
     */
    long fill(int count, Function<Integer, Sample> make) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // a loaded broker made the idempotent producer loop on OutOfOrderSequence; one request in flight keeps
        // the order without it, and the fill is not what is measured
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // fail fast instead of blocking a minute per record when the topic is missing
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        long bytes = 0;
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                Sample sample = make.apply(i);
                byte[] value = Json.encode(sample);
                bytes += value.length;
                Future<RecordMetadata> send = producer.send(new ProducerRecord<>(Topics.SAMPLES.name(), null,
                        sample.ts().toEpochMilli(), sample.service(), value));
                if (i == 0 || i == count - 1) {
                    sends.add(send);
                }
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while filling the samples topic", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot fill the samples topic on " + bootstrap, e.getCause());
        }
        return bytes;
    }

    /** Sum of the end offsets of a topic's partitions. */
    long endOffsets(String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all().get();
            return ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets of " + topic, e.getCause());
        }
    }

    /** Sum of a group's committed offsets on a topic; 0 before its first commit. */
    long committed(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
