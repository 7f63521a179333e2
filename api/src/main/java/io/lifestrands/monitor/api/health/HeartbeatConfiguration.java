package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.api.kafka.Assignment;
import io.lifestrands.monitor.api.kafka.Consumers;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.api.kafka.TopicConsumer;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The group-less consumer of the processors' heartbeats, from the beginning of the compacted topic. */
@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

    /**
     * With statistics of its own, so it never counts as a retrying consumer in {@code /health}: until the heartbeat
     * topic exists (brokers that only ever ran a processor without heartbeats) it retries with back-off while
     * {@code /health} judges the processor by its consumer group alone, and once it has read heartbeats a failing
     * loop shows there as stale heartbeats.
     */
    @Bean
    TopicConsumer heartbeatConsumer(Consumers consumers, ProcessorHeartbeats heartbeats, Clock clock) {
        PipelineStats own = new PipelineStats(clock);
        return consumers.everyPartition("processor-health",
                Assignment.fromBeginning(clock, Topics.PROCESSOR_HEALTH.name()),
                new HeartbeatHandler(heartbeats, new RecordDecoder(own)), own);
    }
}
