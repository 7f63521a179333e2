package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.api.kafka.TopicConsumer;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The current rule set, read from the compacted {@code monitor.alert-rules.v1} from its beginning by a group-less
 * consumer: the last value per rule name wins, a tombstone removes the rule.
 */
final class RuleCatalog implements TopicConsumer.BatchHandler {

    private static final Logger log = LoggerFactory.getLogger(RuleCatalog.class);

    private final Map<String, AlertRule> rules = new ConcurrentSkipListMap<>();

    /** The rules by name, ordered by name. */
    List<AlertRule> rules() {
        return List.copyOf(rules.values());
    }

    /** Applies what {@code PUT /alerts/config} just wrote, so the answer shows it before the topic is read back. */
    void apply(Collection<AlertRule> upserts, Collection<String> removed) {
        upserts.forEach(rule -> rules.put(rule.name(), rule));
        removed.forEach(rules::remove);
    }


    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() == null) {
                continue;
            }
            String name = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                rules.remove(name);
                continue;
            }
            try {
                rules.put(name, Json.decode(record.value(), AlertRule.class));
            } catch (IllegalArgumentException e) {
                log.warn("Skipping undecodable rule {} at offset {}: {}", name, record.offset(), e.getMessage());
            }
        }
    }
}
