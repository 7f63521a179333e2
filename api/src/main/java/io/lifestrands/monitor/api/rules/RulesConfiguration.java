package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.api.kafka.Assignment;
import io.lifestrands.monitor.api.kafka.Consumers;
import io.lifestrands.monitor.api.kafka.TopicConsumer;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Alert rules: the catalog, read by a group-less consumer from the beginning of the compacted rules topic, and the
 * publisher of changes.
 */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    RuleCatalog ruleCatalog() {
        return new RuleCatalog();
    }

    @Bean(destroyMethod = "close")
    RulePublisher rulePublisher(ApiSettings api) {
        return new RulePublisher(api.bootstrapServers());
    }

    @Bean
    TopicConsumer rulesConsumer(Consumers consumers, RuleCatalog catalog, Clock clock) {
        // group-less: every instance reads the whole compacted topic from the start
        return consumers.everyPartition("rules", Assignment.fromBeginning(clock, Topics.ALERT_RULES.name()), catalog);
    }
}
