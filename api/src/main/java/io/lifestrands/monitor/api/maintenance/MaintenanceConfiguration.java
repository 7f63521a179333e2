package io.lifestrands.monitor.api.maintenance;

import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What maintenance reads on the live consumer: every window, from the compacted topic's beginning. */
@Configuration(proxyBeanMethods = false)
class MaintenanceConfiguration {

    @Bean
    LiveTopic maintenanceWindows(MaintenanceBook book, PipelineStats stats) {
        return LiveTopic.latestPerKey(Topics.MAINTENANCE.name(), MaintenanceWindow.class, new RecordDecoder(stats),
                book::apply, book::remove);
    }
}
