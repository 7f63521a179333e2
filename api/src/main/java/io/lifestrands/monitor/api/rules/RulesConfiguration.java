package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.api.kafka.Assignment;
import io.lifestrands.monitor.api.kafka.Consumers;
import io.lifestrands.monitor.api.kafka.TopicConsumer;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.api.kafka.LiveTopic;
import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.kafka.RecordDecoder;
import io.lifestrands.monitor.schema.BacktestResult;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Alert rules: the catalog, read by a group-less consumer from the beginning of the compacted rules topic, the
 * publisher of changes, and the answers to rule backtests.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RulesSettings.class)
class RulesConfiguration {

    @Bean
    BacktestResults backtestResults() {
        return new BacktestResults();
    }

    /** Every instance reads the answers from the end: each keeps only those to its own requests. */
    @Bean
    LiveTopic backtestAnswers(BacktestResults results, PipelineStats stats) {
        RecordDecoder decoder = new RecordDecoder(stats);
        return new LiveTopic(Topics.BACKTEST_RESULTS.name(), LiveTopic.Start.END,
                record -> decoder.decode(record, BacktestResult.class).ifPresent(results::arrived));
    }

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
