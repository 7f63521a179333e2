package io.lifestrands.monitor.processor.topology;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.ServiceLabels;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.lifestrands.monitor.processor.topology.TopologyFixture.T0;
import static io.lifestrands.monitor.processor.topology.TopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LabelsTopologyTest extends TopologyTestSupport {

    private static final Map<String, String> LLAMA = Map.of("model_type", "llama", "platform", "cuda");
    private static final Map<String, String> MISTRAL = Map.of("model_type", "mistral", "platform", "cuda");

    private TestOutputTopic<String, ServiceLabels> labels;

    @BeforeEach
    void atOneMinute() {
        labels = fixture.driver.createOutputTopic(Topics.SERVICE_LABELS.name(),
                Topics.SERVICE_LABELS.keySerde().deserializer(), Topics.SERVICE_LABELS.valueSerde().deserializer());
        // samples more than 5 s ahead of the wall clock are clamped; keep these in the past
        fixture.wallClockAt(Duration.ofMinutes(1));
    }

    @Test
    void firstLabelledSampleSendsItsLabelsKeyedByService() {
        fixture.pipe(labelled(T0.plusSeconds(1), LLAMA));

        TestRecord<String, ServiceLabels> sent = labels.readRecord();

        assertThat(sent.key()).isEqualTo("model_service");
        assertThat(sent.value()).isEqualTo(new ServiceLabels(1, "model_service", LLAMA, T0.plusSeconds(1)));
        assertThat(sent.getRecordTime()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void identicalLaterSampleSendsNothing() {
        fixture.pipe(labelled(T0.plusSeconds(1), LLAMA));

        fixture.pipe(labelled(T0.plusSeconds(2), LLAMA));

        assertThat(labels.readValuesToList()).extracting(ServiceLabels::ts).containsExactly(T0.plusSeconds(1));
    }

    @Test
    void changedModelTypeSendsTheNewMap() {
        fixture.pipe(labelled(T0.plusSeconds(1), LLAMA));

        fixture.pipe(labelled(T0.plusSeconds(2), MISTRAL));

        assertThat(labels.readValuesToList()).extracting(ServiceLabels::labels).containsExactly(LLAMA, MISTRAL);
    }

    @Test
    void fewerLabelsReplaceTheMapInsteadOfMerging() {
        fixture.pipe(labelled(T0.plusSeconds(1), LLAMA));

        fixture.pipe(labelled(T0.plusSeconds(2), Map.of("model_type", "llama")));

        assertThat(labels.readValuesToList()).extracting(ServiceLabels::labels)
                .containsExactly(LLAMA, Map.of("model_type", "llama"));
    }

    @Test
    void sampleWithoutLabelsSendsNothingAndKeepsTheLabels() {
        fixture.pipe(labelled(T0.plusSeconds(1), LLAMA));

        fixture.pipe(probe("model_service", T0.plusSeconds(2), false, null));
        fixture.pipe(labelled(T0.plusSeconds(3), LLAMA));

        assertThat(labels.readValuesToList()).extracting(ServiceLabels::labels).containsExactly(LLAMA);
    }

    @Test
    void olderSampleArrivingLateDoesNotOverwriteNewerLabels() {
        fixture.pipe(labelled(T0.plusSeconds(10), MISTRAL));

        fixture.pipe(labelled(T0.plusSeconds(5), LLAMA));

        assertThat(labels.readValuesToList()).extracting(ServiceLabels::labels).containsExactly(MISTRAL);
    }

    @Test
    void lateSampleLosesAlsoToTheLatestUnchangedOne() {
        fixture.pipe(labelled(T0.plusSeconds(10), LLAMA));
        fixture.pipe(labelled(T0.plusSeconds(20), MISTRAL));
        fixture.pipe(labelled(T0.plusSeconds(30), MISTRAL));

        fixture.pipe(labelled(T0.plusSeconds(25), LLAMA));

        assertThat(labels.readValuesToList()).extracting(ServiceLabels::labels, ServiceLabels::ts)
                .containsExactly(tuple(LLAMA, T0.plusSeconds(10)), tuple(MISTRAL, T0.plusSeconds(20)));
    }

    @Test
    void keepsServicesApart() {
        fixture.pipe(labelled(T0.plusSeconds(1), LLAMA));

        fixture.pipe(probe("chat_service", T0.plusSeconds(1), true, 5.0).with(Map.of(), Map.of("instance_id", "c1")));

        assertThat(labels.readKeyValuesToMap()).containsOnlyKeys("model_service", "chat_service");
    }

    private static Sample labelled(Instant ts, Map<String, String> labels) {
        return probe("model_service", ts, true, 5.0).with(Map.of(), labels);
    }
}
