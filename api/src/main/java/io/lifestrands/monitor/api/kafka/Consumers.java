package io.lifestrands.monitor.api.kafka;

import io.lifestrands.monitor.api.system.ApiSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place the api's Kafka consumers are made: their properties, back-off and statistics. Either group-less
 * (every api instance reads every partition and keeps its own view) or a member of a group (the instances share the
 * partitions, and offsets are committed after each handled batch).
 */
@Component
public class Consumers {

    private final ApiSettings settings;
    private final PipelineStats stats;

    public Consumers(ApiSettings settings, PipelineStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    /** A group-less consumer {@code monitor-api-<name>} positioned by {@code attachment}; it never commits. */
    public TopicConsumer everyPartition(String name, TopicConsumer.Attachment attachment,
                                        TopicConsumer.BatchHandler handler) {
        return everyPartition(name, attachment, handler, stats);
    }

    /** As {@link #everyPartition(String, TopicConsumer.Attachment, TopicConsumer.BatchHandler)}, counted apart. */
    public TopicConsumer everyPartition(String name, TopicConsumer.Attachment attachment,
                                        TopicConsumer.BatchHandler handler, PipelineStats own) {
        Map<String, Object> props = groupless(settings, name);
        return new TopicConsumer(name, () -> new KafkaConsumer<>(props), attachment, false, handler, backoff(), own);
    }

    /**
     * A member of {@code groupId} subscribed to {@code topics}, committing after each handled batch.
     *
     * @param overrides further consumer properties, e.g. {@code max.poll.records}
     */
    public TopicConsumer groupMember(String name, String groupId, List<String> topics, Map<String, Object> overrides,
                                     TopicConsumer.BatchHandler handler) {
        Map<String, Object> props = member(settings, name, groupId);
        props.putAll(overrides);
        return new TopicConsumer(name, () -> new KafkaConsumer<>(props), consumer -> consumer.subscribe(topics), true,
                handler, backoff(), stats);
    }

    /** Properties of a group-less consumer. */
    public static Map<String, Object> groupless(ApiSettings settings, String name) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "monitor-api-" + name);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // offsets are committed by hand (group members), or not at all (group-less)
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the processor and the api write with transactions: never act on an aborted record
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // topics come from the catalog (Topics.createMissing), never from a consumer's typo
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    /**
     * Properties of a group member: the configured session timeout (a killed instance's partitions move on soon),
     * and a new group starts with everything still on the topics.
     */
    public static Map<String, Object> member(ApiSettings settings, String name, String groupId) {
        Map<String, Object> props = groupless(settings, name);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.putAll(settings.groupMembership());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private Backoff backoff() {
        return new Backoff(settings.retryInitialDelay(), settings.retryMaxDelay());
    }
}
