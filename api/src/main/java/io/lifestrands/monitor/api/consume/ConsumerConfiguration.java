package io.lifestrands.monitor.api.consume;

import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.api.alerts.AlertStore;
import io.lifestrands.monitor.api.history.HistoryStore;
import io.lifestrands.monitor.api.live.LiveSettings;
import io.lifestrands.monitor.api.live.LiveState;
import io.lifestrands.monitor.api.live.MonitorSocketHandler;
import io.lifestrands.monitor.api.live.RedisLiveStore;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The consumer loops of the api: history into PostgreSQL, live state for Redis, REST and WebSocket, and the processor's
 * heartbeats for {@code /health}.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    private static final List<String> HISTORY_TOPICS = List.of(Topics.METRICS.name(), Topics.STATUS.name(),
            Topics.ALERTS.name());

    @Bean
    TopicConsumer historyConsumer(ApiSettings settings, HistoryStore store, AlertStore alerts,
                                  ActiveAlerts activeAlerts, PipelineStats stats) {
        HistoryHandler handler = new HistoryHandler(store, alerts, activeAlerts, new RecordDecoder(stats),
                new HashSet<>(settings.historyResolutions()));
        return new TopicConsumer("history", () -> new KafkaConsumer<>(historyProperties(settings)),
                consumer -> consumer.subscribe(HISTORY_TOPICS), true, handler, backoff(settings), stats);
    }

    @Bean
    TopicConsumer liveConsumer(ApiSettings settings, LiveSettings live, LiveState state, ActiveAlerts alerts,
                               RedisLiveStore redis, MonitorSocketHandler socket, PipelineStats stats, Clock clock) {
        LiveHandler handler = new LiveHandler(state, alerts, redis, socket, new RecordDecoder(stats), stats);
        return new TopicConsumer("live", () -> new KafkaConsumer<>(liveProperties(settings)),
                new LiveAssignment(clock, settings.liveMetricsLookback(), live.alertsLookback(), live.sampleLabels()),
                false, handler, backoff(settings), stats);
    }

    /**
     * With statistics of its own, so it never counts as a retrying consumer in {@code /health}: until the heartbeat
     * topic exists (brokers that only ever ran a processor without heartbeats) it retries with back-off while
     * {@code /health} judges the processor by its consumer group alone, and once it has read heartbeats a failing
     * loop shows there as stale heartbeats.
     */
    @Bean
    TopicConsumer heartbeatConsumer(ApiSettings settings, ProcessorHeartbeats heartbeats, Clock clock) {
        PipelineStats own = new PipelineStats(clock);
        return new TopicConsumer("processor-health", () -> new KafkaConsumer<>(heartbeatProperties(settings)),
                new HeartbeatAssignment(), false, new HeartbeatHandler(heartbeats, new RecordDecoder(own)),
                backoff(settings), own);
    }

    static Map<String, Object> historyProperties(ApiSettings settings) {
        Map<String, Object> props = common(settings, "monitor-api-history");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.historyGroupId());
        props.putAll(settings.groupMembership());
        // offsets are committed by hand, only after the batch is in PostgreSQL
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new group starts with everything still on the topics: history must not begin with a gap
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return props;
    }

    static Map<String, Object> liveProperties(ApiSettings settings) {
        Map<String, Object> props = common(settings, "monitor-api-live");
        // no group: every api instance reads every partition and keeps its own full live view
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    static Map<String, Object> heartbeatProperties(ApiSettings settings) {
        Map<String, Object> props = common(settings, "monitor-api-processor-health");
        // no group: every api instance reads every heartbeat
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    private static Map<String, Object> common(ApiSettings settings, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // the processor writes with exactly-once: never show windows of an aborted transaction
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // topics come from the catalog (Topics.createMissing), never from a consumer's typo
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    private static Backoff backoff(ApiSettings settings) {
        return new Backoff(settings.retryInitialDelay(), settings.retryMaxDelay());
    }
}
