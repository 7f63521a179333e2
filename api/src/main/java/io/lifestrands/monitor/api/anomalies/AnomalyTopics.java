package io.lifestrands.monitor.api.anomalies;

import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.api.state.LiveState;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the open anomaly episodes read on the live consumer: the transitions of {@code monitor.anomalies.v1} from
 * {@code monitor.api.anomalies.lookback} ago.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnomaliesSettings.class)
class AnomalyTopics {

    @Bean
    LiveTopic anomalyEpisodes(AnomaliesSettings settings, LiveState state, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.ANOMALIES.name(), LiveTopic.Start.lookback(settings.lookback()),
                record -> decoder.decode(record, AnomalyEpisode.class).ifPresent(state.anomalies()::apply));
    }
}
