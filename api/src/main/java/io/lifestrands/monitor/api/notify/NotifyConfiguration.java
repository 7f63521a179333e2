package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.api.kafka.Consumers;
import io.lifestrands.monitor.api.kafka.TopicConsumer;
import io.lifestrands.monitor.api.silences.SilenceBook;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Notifications: the consumer that logs deliveries for alert transitions, the dispatcher that sends them, the
 * channels, the notification settings, and the acknowledgement listener.
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

    @Bean
    WebhookChannel webhookChannel(HttpPoster poster, NotifySettings settings) {
        return new WebhookChannel(poster, settings.externalUrl());
    }

    @Bean
    DeliveryLog deliveryLog(DataSource dataSource) {
        return new DeliveryLog(dataSource);
    }

    @Bean
    NotificationConfig notificationConfig(NotifySettings settings, DataSource dataSource, Clock clock) {
        return new NotificationConfig(settings, dataSource, clock);
    }



    @Bean(destroyMethod = "close")
    ConfigChangePublisher configChangePublisher(ApiSettings api, Clock clock) {
        return new ConfigChangePublisher(api.bootstrapServers(), clock);
    }


    @Bean
    @ConditionalOnBooleanProperty(name = "monitor.api.notify.enabled", matchIfMissing = true)
    TopicConsumer notifyConsumer(Consumers consumers, NotifySettings settings, DeliveryLog deliveries,
                                 NotificationConfig config, List<Channel> channels, Clock clock) {
        // a new group starts with every transition still on the topic; the delivery log drops the known ones
        return consumers.groupMember("notify", settings.groupId(), List.of(Topics.ALERTS.name()), Map.of(),
                new TransitionHandler(deliveries, config, channels, clock));
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "monitor.api.notify.enabled", matchIfMissing = true)
    Dispatcher notifyDispatcher(DeliveryLog deliveries, NotificationConfig config, List<Channel> channels,
                                NotifySettings settings, SilenceBook silences, Clock clock) {
        return new Dispatcher(deliveries, config, channels, settings, silences, clock);
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



}
