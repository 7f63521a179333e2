package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.api.consume.Backoff;
import io.lifestrands.monitor.api.consume.PipelineStats;
import io.lifestrands.monitor.api.consume.TopicConsumer;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notifications: the consumer that logs deliveries for alert transitions, the dispatcher that sends them, the
 * channels, the rule catalog behind {@code /alerts/config}, and the acknowledgement listener.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifySettings.class)
class NotifyConfiguration {

    @Bean
    UrlGuard urlGuard(NotifySettings settings) {
        return new UrlGuard(settings.allowedHosts());
    }

    @Bean
    HttpPoster httpPoster(NotifySettings settings, UrlGuard guard, Clock clock) {
        return new HttpPoster(guard, settings.requestTimeout(), clock);
    }

    @Bean
    EmailChannel emailChannel(NotifySettings settings) {
        return new EmailChannel(settings.requestTimeout());
    }

    @Bean
    SlackChannel slackChannel(HttpPoster poster) {
        return new SlackChannel(poster);
    }

    /** @param externalUrl where receivers link back to ({@code monitor.api.notify.external-url}) */
    @Bean
    WebhookChannel webhookChannel(HttpPoster poster,
                                  @Value("${monitor.api.notify.external-url:http://localhost:8005}")
                                  String externalUrl) {
        return new WebhookChannel(poster, externalUrl);
    }

    @Bean
    DeliveryLog deliveryLog(DataSource dataSource) {
        return new DeliveryLog(dataSource);
    }

    @Bean
    NotificationConfig notificationConfig(NotifySettings settings, DataSource dataSource, Clock clock) {
        return new NotificationConfig(settings, dataSource, clock);
    }

    @Bean
    RuleCatalog ruleCatalog() {
        return new RuleCatalog();
    }

    @Bean(destroyMethod = "close")
    RulePublisher rulePublisher(ApiSettings api) {
        return new RulePublisher(api.bootstrapServers());
    }

    @Bean(destroyMethod = "close")
    ConfigChangePublisher configChangePublisher(ApiSettings api, Clock clock) {
        return new ConfigChangePublisher(api.bootstrapServers(), clock);
    }

    @Bean
    TopicConsumer rulesConsumer(ApiSettings api, RuleCatalog catalog, PipelineStats stats) {
        // group-less: every instance reads the whole compacted topic from the start
        return new TopicConsumer("rules", () -> new KafkaConsumer<>(properties(api, "monitor-api-rules")),
                catalog, false, catalog, backoff(api), stats);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "monitor.api.notify.enabled", matchIfMissing = true)
    TopicConsumer notifyConsumer(ApiSettings api, NotifySettings settings, DeliveryLog deliveries,
                                 NotificationConfig config, List<Channel> channels, PipelineStats stats,
                                 Clock clock) {
        Map<String, Object> props = notifyProperties(api, settings.groupId());
        return new TopicConsumer("notify", () -> new KafkaConsumer<>(props),
                consumer -> consumer.subscribe(List.of(Topics.ALERTS.name())), true,
                new TransitionHandler(deliveries, config, channels, clock), backoff(api), stats);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "monitor.api.notify.enabled", matchIfMissing = true)
    Dispatcher notifyDispatcher(DeliveryLog deliveries, NotificationConfig config, List<Channel> channels,
                                NotifySettings settings, Clock clock) {
        return new Dispatcher(deliveries, config, channels, settings, clock);
    }

    @Bean
    AcknowledgementListener acknowledgementListener(DeliveryLog deliveries) {
        return new AcknowledgementListener(deliveries);
    }

    /** An acknowledged alert stops re-notifying until it resolves. */
    static final class AcknowledgementListener {
        private final DeliveryLog deliveries;

        AcknowledgementListener(DeliveryLog deliveries) {
            this.deliveries = deliveries;
        }

        @EventListener
        void on(AlertAcknowledged event) {
            deliveries.acknowledge(event.alertId(), event.by(), event.at());
        }
    }

    static Map<String, Object> notifyProperties(ApiSettings api, String groupId) {
        Map<String, Object> props = properties(api, "monitor-api-notify");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.putAll(api.groupMembership());
        // a new group starts with every transition still on the topic; the delivery log drops the known ones
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private static Map<String, Object> properties(ApiSettings api, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, api.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // alerts and rules come from transactional writers: never act on an aborted record
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    private static Backoff backoff(ApiSettings api) {
        return new Backoff(api.retryInitialDelay(), api.retryMaxDelay());
    }
}
