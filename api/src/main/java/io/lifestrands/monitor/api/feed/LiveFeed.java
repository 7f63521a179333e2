package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.schema.json.Json;
import org.springframework.web.socket.CloseStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/**
 * This server's message stream: numbers every message ({@code seq}), keeps the most recent ones for resuming
 * clients, hands each one to every registered client whose subscription wants it, and greets a new client with a
 * snapshot, or with a replay of what it missed when it resumes.
 */
final class LiveFeed {

    /** Builds the snapshot of the current state as of stream position {@code seq}, narrowed to {@code services}. */
    interface Snapshots {
        SocketMessages.Snapshot at(long seq, String stream, String reason, Set<String> services);
    }

    private final String stream;
    private final ReplayBuffer replay;
    private final Snapshots snapshots;
    private final SocketStats stats;
    private final int maxReplayMessages;
    private final long maxReplayBytes;
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    /** Held while a message is numbered and handed out, and while a client is greeted and registered. */
    private final Object lock = new Object();
    private long seq;

    /**
     * @param sessionQueue     messages one client may have queued; a replay must stay below it
     * @param socketBufferLimit bytes one client may have queued; a replay must stay below half of it
     */
    LiveFeed(ReplayBuffer replay, Snapshots snapshots, SocketStats stats, int sessionQueue, long socketBufferLimit) {
        this(UUID.randomUUID().toString().substring(0, 13), replay, snapshots, stats, sessionQueue,
                socketBufferLimit);
    }

    LiveFeed(String stream, ReplayBuffer replay, Snapshots snapshots, SocketStats stats, int sessionQueue,
             long socketBufferLimit) {
        this.stream = stream;
        this.replay = replay;
        this.snapshots = snapshots;
        this.stats = stats;
        this.maxReplayMessages = sessionQueue;
        this.maxReplayBytes = socketBufferLimit / 2;
    }

    String stream() {
        return stream;
    }

    /**
     * Greets {@code outbox} and adds it to the clients, with nothing published in between: a snapshot, or (when
     * {@code lastSeq} is set, the stream is this one and the missed messages are all held and fit its queue)
     * {@code resumed} and the missed messages.
     *
     * @param beforeFirst run, before the greeting, when this is the only client
     */
    void register(Outbox outbox, String resumeStream, Long lastSeq, Runnable beforeFirst) {
        synchronized (lock) {
            if (outboxes.isEmpty()) {
                beforeFirst.run();
            }
            greet(outbox, resumeStream, lastSeq);
            outboxes.put(outbox.id(), outbox);
        }
    }

    private void greet(Outbox outbox, String resumeStream, Long lastSeq) {
        String reason = "connect";
        if (lastSeq != null) {
            Optional<List<FeedMessage>> missed = stream.equals(resumeStream)
                    ? replay.after(lastSeq, seq) : Optional.empty();
            if (missed.isPresent() && fits(missed.get())) {
                stats.resumed.increment();
                outbox.offer(Json.write(new SocketMessages.Resumed("resumed", stream, lastSeq + 1, seq)));
                for (FeedMessage message : missed.get()) {
                    if (message.matches(outbox.subscription())) {
                        outbox.offer(message.jsonFor(outbox.subscription()));
                        stats.replayed.increment();
                    }
                }
                return;
            }
            stats.resumeSnapshots.increment();
            reason = stream.equals(resumeStream) ? "resume_unavailable: messages after seq " + lastSeq
                    + " are no longer held" : "resume_unavailable: another stream (server restarted or changed)";
        }
        outbox.offer(Json.write(snapshots.at(seq, stream, reason, outbox.subscription().services())));
    }

    /** Whether a replay fits the client's queue; one that does not would close it as slow again and again. */
    private boolean fits(List<FeedMessage> missed) {
        long bytes = missed.stream().mapToLong(FeedMessage::bytes).sum();
        return missed.size() < maxReplayMessages && bytes < maxReplayBytes;
    }

    Optional<Outbox> outbox(String id) {
        return Optional.ofNullable(outboxes.get(id));
    }

    /** Forgets a client (it closed, or was closed). */
    void remove(Outbox outbox) {
        outboxes.remove(outbox.id(), outbox);
    }

    Collection<Outbox> outboxes() {
        return outboxes.values();
    }

    boolean hasClients() {
        return !outboxes.isEmpty();
    }

    int clients() {
        return outboxes.size();
    }

    /**
     * Numbers, encodes (once, and once per narrowed subscription) and hands out one message.
     *
     * @param service the service it is about; null when it is about several (then {@code narrow} may encode it
     *                for a subset of services)
     * @param build   the message for a given {@code seq}
     * @param narrow  the message for a given {@code seq} and services; null when it cannot be narrowed
     */
    void publish(String type, String service, LongFunction<Object> build,
                 BiFunction<Long, Set<String>, Object> narrow) {
        synchronized (lock) {
            long next = seq + 1;
            FeedMessage message = FeedMessage.of(next, type, service, Json.write(build.apply(next)),
                    narrow == null ? null : services -> Json.write(narrow.apply(next, services)));
            seq = next;
            replay.add(message);
            for (Outbox outbox : outboxes.values()) {
                Subscription subscription = outbox.subscription();
                if (message.matches(subscription)) {
                    outbox.offer(message.jsonFor(subscription));
                }
            }
        }
    }

    /** The {@code heartbeat} message: the stream's latest position at {@code now}. */
    String heartbeat(Instant now) {
        synchronized (lock) {
            return Json.write(new SocketMessages.Heartbeat("heartbeat", stream, seq, now));
        }
    }

    long seq() {
        synchronized (lock) {
            return seq;
        }
    }

    int replayMessages() {
        return replay.size();
    }

    long replayBytes() {
        return replay.bytes();
    }

    /** Closes every client without counting anything, e.g. when the server stops. */
    void closeAll(CloseStatus status) {
        outboxes.values().forEach(outbox -> outbox.close(status));
        outboxes.clear();
    }
}
