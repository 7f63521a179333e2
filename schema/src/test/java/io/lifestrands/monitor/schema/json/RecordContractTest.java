package io.lifestrands.monitor.schema.json;

import io.lifestrands.monitor.schema.AlertAck;
import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.BacktestRequest;
import io.lifestrands.monitor.schema.BacktestResult;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceLabels;
import io.lifestrands.monitor.schema.Silence;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.TopicSpec;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each record's wire form against its golden file and its published JSON Schema. */
class RecordContractTest {

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("sample", Sample.class, Topics.SAMPLES),
                Arguments.of("metric-window", MetricWindow.class, Topics.METRICS),
                Arguments.of("status-change", StatusChange.class, Topics.STATUS),
                Arguments.of("alert-event", AlertEvent.class, Topics.ALERTS),
                Arguments.of("alert-rule", AlertRule.class, Topics.ALERT_RULES),
                Arguments.of("alert-ack", AlertAck.class, Topics.ALERT_ACKS),
                Arguments.of("processor-heartbeat", ProcessorHeartbeat.class, Topics.PROCESSOR_HEALTH),
                Arguments.of("service-labels", ServiceLabels.class, Topics.SERVICE_LABELS),
                Arguments.of("anomaly-episode", AnomalyEpisode.class, Topics.ANOMALIES),
                Arguments.of("silence", Silence.class, Topics.SILENCES),
                Arguments.of("backtest-request", BacktestRequest.class, Topics.BACKTEST_REQUESTS),
                Arguments.of("backtest-result", BacktestResult.class, Topics.BACKTEST_RESULTS),
                Arguments.of("maintenance-window", MaintenanceWindow.class, Topics.MAINTENANCE),
                Arguments.of("slo", Slo.class, Topics.SLOS),
                Arguments.of("slo-status", SloStatus.class, Topics.SLO_STATUS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void goldenFileRoundTripsThroughTheTopicSerde(String name, Class<?> type, TopicSpec<String, Object> topic)
            throws IOException {
        byte[] golden = resource("/json/" + name + ".json");

        Object decoded = topic.valueSerde().deserializer().deserialize(topic.name(), golden);
        byte[] encoded = topic.valueSerde().serializer().serialize(topic.name(), decoded);

        assertThat(decoded).isInstanceOf(type);
        assertThat(Json.MAPPER.readTree(encoded)).isEqualTo(Json.MAPPER.readTree(golden));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void goldenFileHasExactlyTheSchemaFieldsAndEveryRequiredOne(String name, Class<?> type,
                                                                 TopicSpec<String, Object> topic) throws IOException {
        JsonNode schema = Json.MAPPER.readTree(resource("/schema/" + name + ".v1.json"));
        JsonNode golden = Json.MAPPER.readTree(resource("/json/" + name + ".json"));

        Set<String> schemaFields = new HashSet<>(schema.get("properties").propertyNames());
        Set<String> goldenFields = new HashSet<>(golden.propertyNames());
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(field -> required.add(field.asString()));

        assertThat(schemaFields).containsAll(goldenFields);
        assertThat(goldenFields).containsAll(required);
        assertThat(schema.get("$id").asString()).endsWith(topic.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyRecordComponentIsDescribedInTheSchema(String name, Class<?> type, TopicSpec<String, Object> topic)
            throws IOException {
        JsonNode schema = Json.MAPPER.readTree(resource("/schema/" + name + ".v1.json"));
        Set<String> schemaFields = new HashSet<>(schema.get("properties").propertyNames());

        Set<String> wireNames = new HashSet<>();
        for (var component : type.getRecordComponents()) {
            var property = component.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            var field = component.getName();
            wireNames.add(property != null ? property.value() : snake(field));
        }

        assertThat(schemaFields).isEqualTo(wireNames);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = RecordContractTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
