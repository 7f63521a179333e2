package io.lifestrands.monitor.api.feed;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import static io.lifestrands.monitor.api.feed.FeedFixture.SECOND;
import static io.lifestrands.monitor.api.feed.FeedFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatTest {

    private final FeedFixture fixture = new FeedFixture(100);
    private final Heartbeat heartbeat = new Heartbeat(fixture.feed, Duration.ofSeconds(45),
            Clock.fixed(T0.plusSeconds(15), ZoneOffset.UTC));

    @Test
    void aBeatPingsEveryClientAndTellsItTheStreamsLatestSeq() {
        RecordingTransport a = fixture.connect("a");
        RecordingTransport b = fixture.connect("b");
        fixture.publishStatus("gateway");

        heartbeat.run();

        for (RecordingTransport client : new RecordingTransport[] {a, b}) {
            assertThat(client.pings).isEqualTo(1);
            JsonNode beat = client.ofType("heartbeat").get(0);
            assertThat(beat.path("seq").asLong()).isEqualTo(1);
            assertThat(beat.path("stream").asString()).isEqualTo(FeedFixture.STREAM);
            assertThat(beat.path("timestamp").asString()).isEqualTo("2026-01-01T00:00:15Z");
        }
    }

    @Test
    void aClientSilentLongerThanTheTimeoutIsClosedAndForgotten() {
        RecordingTransport silent = fixture.connect("silent");
        RecordingTransport talking = fixture.connect("talking");
        fixture.advance(46 * SECOND);
        fixture.feed.outbox("talking").orElseThrow().heard();

        heartbeat.run();

        assertThat(silent.closedWith.getCode()).isEqualTo(Outbox.NO_HEARTBEAT);
        assertThat(silent.ofType("heartbeat")).isEmpty();
        assertThat(fixture.feed.outbox("silent")).isEmpty();
        assertThat(fixture.stats.deadPeerCloses.sum()).isEqualTo(1);
        assertThat(talking.closedWith).isNull();
        assertThat(talking.ofType("heartbeat")).hasSize(1);
    }

    @Test
    void aClientHeardWithinTheTimeoutStaysOpen() {
        RecordingTransport client = fixture.connect("client");
        fixture.advance(44 * SECOND);

        heartbeat.run();

        assertThat(client.closedWith).isNull();
        assertThat(fixture.feed.clients()).isEqualTo(1);
    }
}
