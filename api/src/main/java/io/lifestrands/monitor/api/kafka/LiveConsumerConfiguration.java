package io.lifestrands.monitor.api.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The api's one group-less live consumer: every {@link LiveTopic} bean of every feature, each from its own start,
 * each record handed to the features that declared its topic, in the order the consumer polled them.
 */
@Configuration(proxyBeanMethods = false)
class LiveConsumerConfiguration {

    @Bean
    TopicConsumer liveConsumer(Consumers consumers, List<LiveTopic> topics, Clock clock) {
        return consumers.everyPartition("live", Assignment.of(clock, topics), router(topics));
    }

    static TopicConsumer.BatchHandler router(List<LiveTopic> topics) {
        Map<String, List<LiveTopic>> byTopic = new HashMap<>();
        topics.forEach(topic -> byTopic.merge(topic.topic(), List.of(topic), LiveConsumerConfiguration::concat));
        return (ConsumerRecords<byte[], byte[]> records) -> {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                for (LiveTopic topic : byTopic.getOrDefault(record.topic(), List.of())) {
                    topic.handler().accept(record);
                }
            }
        };
    }

    private static List<LiveTopic> concat(List<LiveTopic> a, List<LiveTopic> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
