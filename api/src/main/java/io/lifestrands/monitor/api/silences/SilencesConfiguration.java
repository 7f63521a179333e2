package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.schema.Silence;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;

/** What the silences read on the live consumer: every silence, from the compacted topic's beginning. */
@Configuration(proxyBeanMethods = false)
class SilencesConfiguration {

    @Bean
    LiveTopic silenceVersions(SilenceBook book, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.SILENCES.name(), LiveTopic.Start.BEGINNING, record -> {
            if (record.value() == null) {
                if (record.key() != null) {
                    book.remove(new String(record.key(), StandardCharsets.UTF_8));
                }
                return;
            }
            decoder.decode(record, Silence.class).ifPresent(book::apply);
        });
    }
}
