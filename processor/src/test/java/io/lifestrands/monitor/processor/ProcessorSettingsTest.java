package io.lifestrands.monitor.processor;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorSettingsTest {

    @Test
    void defaultsFromAnEmptyEnvironment() {
        ProcessorSettings settings = ProcessorSettings.fromEnv(Map.of());

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.applicationId()).isEqualTo("monitor-processor");
        assertThat(settings.windowGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.punctuationInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.numStandbyReplicas()).isZero();
        // below Kafka's 45 s, so a killed instance's tasks move before most of a window's grace has passed
        assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.toProperties())
                .containsEntry(StreamsConfig.consumerPrefix("session.timeout.ms"), "10000")
                .containsEntry(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "3000");
    }

    @Test
    void readsTheEnvironment() {
        ProcessorSettings settings = ProcessorSettings.fromEnv(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:29092",
                "MONITOR_PROCESSOR_APP_ID", "monitor-processor-eu",
                "MONITOR_PROCESSOR_STATE_DIR", "/var/lib/monitor",
                "MONITOR_WINDOW_GRACE", "30s",
                "MONITOR_PROCESSOR_REPLICATION_FACTOR", "3"));

        assertThat(settings.bootstrapServers()).isEqualTo("kafka:29092");
        assertThat(settings.applicationId()).isEqualTo("monitor-processor-eu");
        assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/monitor"));
        assertThat(settings.windowGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void readsTheWindowStatusAndRobustnessSettings() {
        ProcessorSettings settings = ProcessorSettings.fromEnv(Map.of(
                "MONITOR_LIVE_INTERVAL", "2s",
                "MONITORING_INTERVAL", "15s",
                "MONITOR_STATUS_QUORUM", "2",
                "MONITOR_PROCESSING_GUARANTEE", "at_least_once",
                "MONITOR_PROCESSOR_SESSION_TIMEOUT", "6s",
                "MONITOR_ROCKSDB_MEMORY_BYTES", "33554432",
                "MONITOR_PROCESSOR_IN_MEMORY_STORES", "true"));

        Properties props = settings.toProperties();

        assertThat(settings.liveInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.statusInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.statusQuorum()).isEqualTo(2);
        assertThat(settings.inMemoryStores()).isTrue();
        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
                .containsEntry(StreamsConfig.consumerPrefix("session.timeout.ms"), "6000")
                .containsEntry(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), "2000")
                .containsEntry(BoundedRocksDbConfig.MEMORY_BYTES_CONFIG, "33554432")
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
    }

    @Test
    void rejectsInvalidNewSettingsWithTheKeyAndTheValue() {
        assertThatThrownBy(() -> ProcessorSettings.fromEnv(Map.of("MONITOR_PROCESSING_GUARANTEE", "exactly_once")))
                .hasMessageContaining("MONITOR_PROCESSING_GUARANTEE").hasMessageContaining("'exactly_once'");
        assertThatThrownBy(() -> ProcessorSettings.fromEnv(Map.of("MONITOR_STATUS_QUORUM", "-1")))
                .hasMessageContaining("MONITOR_STATUS_QUORUM must be >= 0 (0 = majority), was -1");
        assertThatThrownBy(() -> ProcessorSettings.fromEnv(Map.of("MONITOR_PROCESSOR_IN_MEMORY_STORES", "yes")))
                .hasMessageContaining("MONITOR_PROCESSOR_IN_MEMORY_STORES").hasMessageContaining("'yes'");
        assertThatThrownBy(() -> ProcessorSettings.fromEnv(Map.of("MONITORING_INTERVAL", "0s")))
                .hasMessageContaining("MONITORING_INTERVAL must be > 0");
    }

    @Test
    void failsWithTheKeyAndTheValue() {
        assertThatThrownBy(() -> ProcessorSettings.fromEnv(Map.of("MONITOR_WINDOW_GRACE", "soon")))
                .hasMessageContaining("MONITOR_WINDOW_GRACE").hasMessageContaining("soon");
        assertThatThrownBy(() -> ProcessorSettings.fromEnv(Map.of("MONITOR_WINDOW_GRACE", "-5s")))
                .hasMessageContaining("MONITOR_WINDOW_GRACE must be >= 0, was PT-5S");
        assertThatThrownBy(() -> ProcessorSettings.fromEnv(Map.of("MONITOR_PROCESSOR_APP_ID", "a b")))
                .hasMessageContaining("MONITOR_PROCESSOR_APP_ID").hasMessageContaining("'a b'");
        assertThatThrownBy(() -> ProcessorSettings.fromEnv(Map.of("MONITOR_PROCESSOR_REPLICATION_FACTOR", "0")))
                .hasMessageContaining("MONITOR_PROCESSOR_REPLICATION_FACTOR must be -1 or >= 1, was 0");
    }

    @Test
    void streamsPropertiesAreExactlyOnceWithExplicitNaming() {
        Properties props = ProcessorSettings.defaults("kafka:9092").toProperties();

        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "monitor-processor")
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueExceptionHandler.class.getName())
                .doesNotContainKey(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG);
    }
}
