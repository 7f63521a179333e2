package io.lifestrands.monitor.api.feed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The most recent messages of the stream, bounded by count and bytes, for clients that reconnect and resume. */
final class ReplayBuffer {

    private final int maxMessages;
    private final long maxBytes;
    private final Deque<FeedMessage> messages = new ArrayDeque<>();
    private long bytes;

    ReplayBuffer(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    synchronized void add(FeedMessage message) {
        messages.addLast(message);
        bytes += message.bytes();
        while (messages.size() > maxMessages || (bytes > maxBytes && messages.size() > 1)) {
            bytes -= messages.removeFirst().bytes();
        }
    }

    /**
     * The messages after {@code lastSeq} up to {@code currentSeq}, in order.
     *
     * @return empty when they are no longer (or never were) all held: the client needs a fresh snapshot
     */
    synchronized Optional<List<FeedMessage>> after(long lastSeq, long currentSeq) {
        if (lastSeq > currentSeq || lastSeq < 0) {
            return Optional.empty();
        }
        if (lastSeq == currentSeq) {
            return Optional.of(List.of());
        }
        if (messages.isEmpty() || messages.peekFirst().seq() > lastSeq + 1) {
            return Optional.empty();
        }
        List<FeedMessage> missed = new ArrayList<>();
        for (FeedMessage message : messages) {
            if (message.seq() > lastSeq) {
                missed.add(message);
            }
        }
        return Optional.of(missed);
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
