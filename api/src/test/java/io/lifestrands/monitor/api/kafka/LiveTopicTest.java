package io.lifestrands.monitor.api.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live consumer's mechanism on its own: where a topic declared twice starts, and who gets which record. */
class LiveTopicTest {

    private static final LiveTopic.Start HOUR = LiveTopic.Start.lookback(Duration.ofHours(1));
    private static final LiveTopic.Start DAY = LiveTopic.Start.lookback(Duration.ofDays(1));

    @Test
    void aTopicDeclaredTwiceStartsWhereItReadsTheMost() {
        assertThat(HOUR.orEarlier(DAY)).isEqualTo(DAY);
        assertThat(DAY.orEarlier(HOUR)).isEqualTo(DAY);
        assertThat(LiveTopic.Start.END.orEarlier(HOUR)).isEqualTo(HOUR);
        assertThat(HOUR.orEarlier(LiveTopic.Start.BEGINNING)).isEqualTo(LiveTopic.Start.BEGINNING);

        Assignment assignment = Assignment.of(Clock.systemUTC(), List.of(
                new LiveTopic("a", HOUR, record -> { }), new LiveTopic("b", LiveTopic.Start.END, record -> { }),
                new LiveTopic("a", LiveTopic.Start.BEGINNING, record -> { })));

        assertThat(assignment.starts()).isEqualTo(Map.of("a", LiveTopic.Start.BEGINNING, "b", LiveTopic.Start.END));
    }

    @Test
    void eachRecordGoesToEveryFeatureThatDeclaredItsTopicInPollOrder() throws Exception {
        List<String> heard = new ArrayList<>();
        TopicConsumer.BatchHandler router = LiveConsumerConfiguration.router(List.of(
                new LiveTopic("metrics", HOUR, r -> heard.add("state:" + r.offset())),
                new LiveTopic("alerts", DAY, r -> heard.add("alerts:" + r.offset())),
                new LiveTopic("metrics", HOUR, r -> heard.add("other:" + r.offset()))));

        router.handle(new ConsumerRecords<>(Map.of(
                new TopicPartition("metrics", 0), List.of(record("metrics", 1), record("metrics", 2)),
                new TopicPartition("alerts", 0), List.of(record("alerts", 7))), Map.of()));

        assertThat(heard).containsSubsequence("state:1", "other:1", "state:2", "other:2").contains("alerts:7")
                .hasSize(5);
    }

    @Test
    void aLookBackNeedsADurationAndTheOthersNone() {
        assertThatThrownBy(() -> new LiveTopic.Start(LiveTopic.Start.Kind.LOOKBACK, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LiveTopic.Start(LiveTopic.Start.Kind.END, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveTopic.Start.lookback(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, long offset) {
        return new ConsumerRecord<>(topic, 0, offset, new byte[0], new byte[0]);
    }
}
