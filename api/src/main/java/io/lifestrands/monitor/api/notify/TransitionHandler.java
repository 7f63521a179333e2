package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.kafka.TopicConsumer;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs the deliveries each consumed batch of alert transitions needs; the consumer commits its offsets only after
 * this returns, so a transition is either in the log or will be consumed again.
 */
final class TransitionHandler implements TopicConsumer.BatchHandler {

    private static final Logger log = LoggerFactory.getLogger(TransitionHandler.class);

    private final DeliveryLog deliveries;
    private final NotificationConfig config;
    private final List<Channel> channels;
    private final Clock clock;

    TransitionHandler(DeliveryLog deliveries, NotificationConfig config, List<Channel> channels, Clock clock) {
        this.deliveries = deliveries;
        this.config = config;
        this.channels = List.copyOf(channels);
        this.clock = clock;
    }

    @Override
    public void handle(ConsumerRecords<byte[], byte[]> records) {
        List<AlertEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                events.add(Json.decode(record.value(), AlertEvent.class));
            } catch (IllegalArgumentException e) {
                // written by our own processor: a bad record is a bug to see, and retrying it would block the partition
                log.warn("Skipping undecodable alert on {} partition {} offset {}: {}", record.topic(),
                        record.partition(), record.offset(), e.getMessage());
            }
        }
        NotificationSettings settings = config.current();
        Instant now = clock.instant();
        deliveries.record(events, alert -> channels.stream().filter(c -> c.wants(alert, settings))
                .map(Channel::name).toList(), now, now.plus(settings.groupWait()));
    }
}
