package io.lifestrands.monitor.processor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifestrands.monitor.schema.ProcessorHeartbeat;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.Ports;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The heartbeat a status becomes, and sending without a broker; {@link ProcessorHeartbeatIT} sends to a real one. */
class HeartbeatPublisherTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String INSTANCE = "host-1-3f2a9c1d";

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger().addAppender(logged);
        logger().setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLog() {
        logger().detachAppender(logged);
        logger().setLevel(null);
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(HeartbeatPublisher.class);
    }

    @Test
    void anErrorHeartbeatCarriesStateSinceRestartsAndTheCause() {
        StreamsException failure = new StreamsException("Updating global state failed.",
                new IllegalStateException("wrapped", new TimeoutException("position out of range")));
        StreamsSupervisor.Status status = new StreamsSupervisor.Status(KafkaStreams.State.ERROR, T0, 1, failure);

        try (HeartbeatPublisher publisher = publisher()) {
            ProcessorHeartbeat heartbeat = publisher.heartbeat(status, T0.plusSeconds(5));

            assertThat(heartbeat).isEqualTo(new ProcessorHeartbeat(1, INSTANCE, "monitor-processor",
                    "ERROR", T0, T0.plusSeconds(5), 1, "StreamsException: Updating global state failed.; caused by "
                    + "TimeoutException: position out of range", "cluster-a"));
        }
    }

    @Test
    void aReasonIsTheExceptionOrNothingAndNeverLong() {
        assertThat(HeartbeatPublisher.reason(null)).isNull();
        assertThat(HeartbeatPublisher.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(HeartbeatPublisher.reason(new IllegalStateException("x".repeat(5000))))
                .hasSize(HeartbeatPublisher.MAX_REASON).endsWith("…");
    }

    @Test
    void sendsThatFailLogOneWarningAndNeverThrow() {
        StreamsSupervisor.Status running = new StreamsSupervisor.Status(KafkaStreams.State.RUNNING, T0, 0, null);
        HeartbeatPublisher publisher = publisher();

        publisher.changed(running);
        publisher.changed(running);
        publisher.changed(running);
        // sends what is queued: each send fails after the producer's metadata wait
        publisher.close();

        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains(INSTANCE, "monitor.processor-health.v1");
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.DEBUG).hasSize(2);
    }

    /** A producer with no broker to talk to: every send fails after a short metadata wait. */
    private static KafkaProducer<String, ProcessorHeartbeat> unreachableProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + Ports.free(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 100),
                Topics.PROCESSOR_HEALTH.keySerde().serializer(), Topics.PROCESSOR_HEALTH.valueSerde().serializer());
    }

    private static HeartbeatPublisher publisher() {
        return new HeartbeatPublisher(INSTANCE, "monitor-processor", "cluster-a", unreachableProducer(),
                Clock.fixed(T0, ZoneOffset.UTC));
    }
}
