package io.lifestrands.monitor.api.feed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayBufferTest {

    private final ReplayBuffer buffer = new ReplayBuffer(3, 1_000_000);

    @Test
    void replaysEverythingAfterTheClientsLastSeq() {
        add(1, 2, 3);

        assertThat(buffer.after(1, 3)).hasValueSatisfying(missed ->
                assertThat(missed).extracting(FeedMessage::seq).containsExactly(2L, 3L));
        assertThat(buffer.after(3, 3)).hasValueSatisfying(missed -> assertThat(missed).isEmpty());
    }

    @Test
    void refusesWhenTheMissedMessagesAreNoLongerAllHeld() {
        add(1, 2, 3, 4);

        assertThat(buffer.after(0, 4)).isEmpty();
        assertThat(buffer.after(1, 4)).isPresent();
    }

    @Test
    void refusesASeqFromTheFuture() {
        add(1);

        assertThat(buffer.after(7, 1)).isEmpty();
    }

    @Test
    void evictsOldestBeyondTheByteBound() {
        ReplayBuffer small = new ReplayBuffer(100, 100);
        small.add(FeedMessage.of(1, "t", null, "x".repeat(30), null));
        small.add(FeedMessage.of(2, "t", null, "x".repeat(30), null));

        assertThat(small.size()).isEqualTo(1);
        assertThat(small.bytes()).isEqualTo(60);
    }

    private void add(long... seqs) {
        for (long seq : seqs) {
            buffer.add(FeedMessage.of(seq, "status_change", "gateway", "{\"seq\":" + seq + "}", null));
        }
    }
}
