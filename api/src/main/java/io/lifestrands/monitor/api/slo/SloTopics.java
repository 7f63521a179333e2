package io.lifestrands.monitor.api.slo;

import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** What the SLOs read on the live consumer: both compacted topics from their beginning; a tombstone deletes. */
@Configuration(proxyBeanMethods = false)
class SloTopics {

    @Bean
    LiveTopic sloDefinitions(SloBook book, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.SLOS.name(), LiveTopic.Start.BEGINNING, record -> {
            if (record.value() == null) {
                keyOf(record.key(), book::remove);
                return;
            }
            decoder.decode(record, Slo.class).ifPresent(book::apply);
        });
    }

    @Bean
    LiveTopic sloStatuses(SloBook book, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.SLO_STATUS.name(), LiveTopic.Start.BEGINNING, record -> {
            if (record.value() == null) {
                keyOf(record.key(), book::removeStatus);
                return;
            }
            decoder.decode(record, SloStatus.class).ifPresent(book::applyStatus);
        });
    }

    private static void keyOf(byte[] key, Consumer<String> then) {
        if (key != null) {
            then.accept(new String(key, StandardCharsets.UTF_8));
        }
    }
}
