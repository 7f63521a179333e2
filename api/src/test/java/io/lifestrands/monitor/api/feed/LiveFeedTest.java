package io.lifestrands.monitor.api.feed;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFeedTest {

    private final FeedFixture fixture = new FeedFixture(100);

    @Test
    void aNewClientGetsASnapshotAtTheCurrentSeqThenEveryLaterMessageInOrder() {
        fixture.publishStatus("gateway");
        RecordingTransport client = fixture.connect("client");

        fixture.publishStatus("chat_service");
        fixture.publishStatus("npc_service");

        List<JsonNode> messages = client.messages();
        assertThat(messages).extracting(m -> m.path("type").asString())
                .containsExactly("snapshot", "status_change", "status_change");
        assertThat(messages).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(messages.get(0).path("reason").asString()).isEqualTo("connect");
    }

    @Test
    void aResumingClientGetsResumedAndExactlyWhatItMissed() {
        fixture.connect("first");
        fixture.publishStatus("a");
        fixture.publishStatus("b");
        fixture.publishStatus("c");

        RecordingTransport again = fixture.connect("again", Subscription.ALL, FeedFixture.STREAM, 1L);

        List<JsonNode> messages = again.messages();
        assertThat(messages.get(0).path("type").asString()).isEqualTo("resumed");
        assertThat(messages.get(0).path("from_seq").asLong()).isEqualTo(2);
        assertThat(messages.get(0).path("to_seq").asLong()).isEqualTo(3);
        assertThat(messages.subList(1, messages.size())).extracting(m -> m.path("service").asString())
                .containsExactly("b", "c");
        assertThat(fixture.stats.replayed.sum()).isEqualTo(2);
    }

    @Test
    void aResumeFromAnotherStreamGetsASnapshotSayingWhy() {
        fixture.publishStatus("a");

        RecordingTransport client = fixture.connect("client", Subscription.ALL, "another-server", 0L);

        JsonNode first = client.messages().get(0);
        assertThat(first.path("type").asString()).isEqualTo("snapshot");
        assertThat(first.path("reason").asString()).startsWith("resume_unavailable: another stream");
        assertThat(fixture.stats.resumeSnapshots.sum()).isEqualTo(1);
    }

    @Test
    void aReplayLargerThanTheClientsQueueGetsASnapshotInstead() {
        FeedFixture small = new FeedFixture(2);
        small.publishStatus("a");
        small.publishStatus("b");
        small.publishStatus("c");

        RecordingTransport client = small.connect("client", Subscription.ALL, FeedFixture.STREAM, 0L);

        assertThat(client.messages().get(0).path("reason").asString()).startsWith("resume_unavailable: messages");
    }

    @Test
    void aClientGetsOnlyTheServicesItSubscribedTo() {
        RecordingTransport client = fixture.connect("client",
                Subscription.of(List.of("status_change"), List.of("gateway")), null, null);

        fixture.publishStatus("chat_service");
        fixture.publishStatus("gateway");

        assertThat(client.ofType("status_change")).extracting(m -> m.path("service").asString())
                .containsExactly("gateway");
    }

    @Test
    void theFirstClientsHookRunsBeforeItsGreetingAndNotForLaterClients() {
        AtomicInteger runs = new AtomicInteger();
        RecordingTransport first = new RecordingTransport("first");

        fixture.feed.register(fixture.outbox(first, Subscription.ALL), null, null, () -> {
            assertThat(first.sent).isEmpty();
            runs.incrementAndGet();
        });
        fixture.feed.register(fixture.outbox(new RecordingTransport("second"), Subscription.ALL), null, null,
                runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }
}
