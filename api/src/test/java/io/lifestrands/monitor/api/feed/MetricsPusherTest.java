package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.state.LiveState;

import io.lifestrands.monitor.api.state.MetricsView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static io.lifestrands.monitor.api.TestRecords.window;
import static io.lifestrands.monitor.api.feed.FeedFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The pusher's decisions, driven by hand: no ticker runs, so nothing is pushed unless the test runs it. */
class MetricsPusherTest {

    private final FeedFixture fixture = new FeedFixture(100);
    private final LiveState state = new LiveState();
    private final PushThrottle throttle = new PushThrottle(Duration.ofSeconds(1), fixture.nanoTime::get);
    private final MetricsPusher pusher = new MetricsPusher(fixture.feed,
            new MetricsView(state, Clock.fixed(T0, ZoneOffset.UTC)), state, throttle, Duration.ofSeconds(5));

    @Test
    void aChangeIsPushedOnceWithTheCurrentMetrics() {
        RecordingTransport client = fixture.connect("client");
        state.applyWindow(window("gateway", "latency_ms", T0, 45));

        pusher.changed();
        pusher.pushIfDue();
        pusher.pushIfDue();

        assertThat(client.ofType("metrics_update")).singleElement()
                .satisfies(update -> assertThat(update.at("/data/services").has("gateway")).isTrue());
    }

    @Test
    void aChangeWithNoClientWaitsForTheFirstOne() {
        pusher.changed();
        pusher.pushIfDue();

        RecordingTransport client = fixture.connect("client");
        pusher.pushIfDue();

        assertThat(client.ofType("metrics_update")).hasSize(1);
    }

    @Test
    void theFirstClientsSnapshotCarriesTheChangesBeforeIt() {
        pusher.changed();
        RecordingTransport client = new RecordingTransport("client");

        fixture.feed.register(fixture.outbox(client, Subscription.ALL), null, null, pusher::firstClientGreeting);
        pusher.pushIfDue();

        assertThat(client.ofType("snapshot")).hasSize(1);
        assertThat(client.ofType("metrics_update")).isEmpty();
    }

    @Test
    void theNextChangeWithinTheMinIntervalWaitsForIt() {
        RecordingTransport client = fixture.connect("client");
        pusher.changed();
        pusher.pushIfDue();

        fixture.advance(Duration.ofMillis(400).toNanos());
        pusher.changed();
        pusher.pushIfDue();
        int early = client.ofType("metrics_update").size();
        fixture.advance(Duration.ofMillis(600).toNanos());
        pusher.pushIfDue();

        assertThat(early).isEqualTo(1);
        assertThat(client.ofType("metrics_update")).hasSize(2);
    }

    @Test
    void aPeriodicPushGoesOutUnchangedAndNarrowedToAClientsServices() {
        state.applyWindow(window("gateway", "latency_ms", T0, 45));
        state.applyWindow(window("chat_service", "latency_ms", T0, 80));
        RecordingTransport narrow = fixture.connect("narrow", Subscription.of(List.of(), List.of("gateway")),
                null, null);

        pusher.push();

        assertThat(narrow.ofType("metrics_update")).singleElement().satisfies(update ->
                assertThat(update.at("/data/services").propertyNames()).containsExactly("gateway"));
    }
}
