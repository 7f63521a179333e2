package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.schema.Silence;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the silences read on the live consumer: every silence, from the compacted topic's beginning. */
@Configuration(proxyBeanMethods = false)
class SilencesConfiguration {

    @Bean
    LiveTopic silenceVersions(SilenceBook book, PipelineStats stats) {
        return LiveTopic.latestPerKey(Topics.SILENCES.name(), Silence.class, new RecordDecoder(stats), book::apply,
                book::remove);
    }
}
