package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Writes the default rules to {@code monitor.alert-rules.v1} when that topic has never held a record, so a fresh
 * installation alerts out of the box while an operator's edits and deletions (tombstones) are never overwritten.
 * Two instances starting at once may both write the defaults: same keys, same values, harmless on a compacted topic.
 */
public final class RuleSeeder {

    private static final Logger log = LoggerFactory.getLogger(RuleSeeder.class);

    private RuleSeeder() {
    }

    /**
     * @return whether the defaults were written
     * @throws IllegalStateException when the topic cannot be inspected or written
     */
    public static boolean seedIfEmpty(Admin admin, String bootstrapServers, List<AlertRule> defaults) {
        String topic = Topics.ALERT_RULES.name();
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            if (ends.values().stream().anyMatch(info -> info.offset() > 0)) {
                return false;
            }
            write(bootstrapServers, defaults);
            log.info("Seeded {} default alert rules onto the empty {}", defaults.size(), topic);
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not seed the default alert rules: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding the default alert rules", e);
        }
    }

    private static void write(String bootstrapServers, List<AlertRule> rules)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, AlertRule> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Topics.ALERT_RULES.keySerde().serializer(), Topics.ALERT_RULES.valueSerde().serializer())) {
            for (AlertRule rule : rules) {
                producer.send(new ProducerRecord<>(Topics.ALERT_RULES.name(), rule.name(), rule)).get();
            }
        }
    }
}
