package io.lifestrands.monitor.api.live;

import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.api.metrics.MetricsSnapshot;
import io.lifestrands.monitor.api.metrics.MetricsView;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.api.system.Background;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/**
 * {@code /ws/monitor}: a snapshot (or a replay for a resuming client) on connect, then every message of this server's
 * stream in order, each with a sequence number: {@code metrics_update} when live metrics changed (at once when the
 * last push was at least a min-push interval ago, else when that interval has passed: at most one change-driven push
 * per interval) and every push interval even when nothing changed, {@code status_change},
 * {@code alert} and {@code alert_acknowledged} as they happen. Messages are encoded once and queued per client in a
 * bounded {@link Outbox}; a client that cannot keep up is closed with a reason and resumes on reconnect.
 */
@Component
public class MonitorSocketHandler extends TextWebSocketHandler implements SmartLifecycle {

    static final String SUBSCRIPTION = "monitor.subscription";
    static final String RESUME_STREAM = "monitor.resume.stream";
    static final String RESUME_SEQ = "monitor.resume.seq";
    private static final Logger log = LoggerFactory.getLogger(MonitorSocketHandler.class);
    private static final int MAX_CLIENT_MESSAGE = 4096;
    private static final int CLOSER_THREADS = 8;

    private final MetricsView metrics;
    private final LiveState state;
    private final ApiSettings settings;
    private final LiveSettings live;
    private final Clock clock;
    private final String stream = UUID.randomUUID().toString().substring(0, 13);
    private final Object feed = new Object();
    private final ReplayBuffer replay;
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final SocketStats stats = new SocketStats();
    /** Set when a window or live view arrived and no push has carried it yet; a push is scheduled when it is set. */
    private final AtomicBoolean metricsChanged = new AtomicBoolean();
    private final long minPushNanos;
    /** {@link System#nanoTime()} of the last metrics push; written before the flag is cleared. */
    private volatile long lastPushNanos;
    /** One metrics push at a time, so a later snapshot never goes out before an earlier one. */
    private final Object pushing = new Object();
    private long seq;
    private volatile Background closer;
    private volatile Background ticker;

    public MonitorSocketHandler(MetricsView metrics, LiveState state, ApiSettings settings, LiveSettings live,
                                Clock clock) {
        this.metrics = metrics;
        this.state = state;
        this.settings = settings;
        this.live = live;
        this.clock = clock;
        this.replay = new ReplayBuffer(live.replayMessages(), live.replayBytes().toBytes());
        this.minPushNanos = settings.minPushInterval().toNanos();
        this.lastPushNanos = System.nanoTime() - minPushNanos;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Background pool = closer;
        if (pool == null) {
            closeQuietly(session, CloseStatus.SERVICE_RESTARTED);
            return;
        }
        Subscription subscription = (Subscription) session.getAttributes().getOrDefault(SUBSCRIPTION,
                Subscription.ALL);
        Outbox outbox = new Outbox(new NativeTransport(session, settings.socketSendTimeLimit()), subscription,
                live.sessionQueue(), settings.socketBufferLimit().toBytes(), settings.socketSendTimeLimit().toNanos(),
                pool, stats, System::nanoTime);
        stats.connected.increment();
        synchronized (feed) {
            if (outboxes.isEmpty()) {
                // the first client: its snapshot carries every change so far, and a change after this schedules a push
                metricsChanged.set(false);
            }
            // under the feed lock: nothing is published between the greeting and the registration
            greet(outbox, (String) session.getAttributes().get(RESUME_STREAM),
                    (Long) session.getAttributes().get(RESUME_SEQ));
            outboxes.put(session.getId(), outbox);
        }
        if (metricsChanged.get()) {
            schedulePush(); // a change between the reset and the registration found no client to push to
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
        outbox.offer(Json.write(snapshot(reason, outbox.subscription().services())));
    }

    /** Whether a replay fits the client's queue; one that does not would close it as slow again and again. */
    private boolean fits(List<FeedMessage> missed) {
        long bytes = missed.stream().mapToLong(FeedMessage::bytes).sum();
        return missed.size() < live.sessionQueue() && bytes < settings.socketBufferLimit().toBytes() / 2;
    }

    private SocketMessages.Snapshot snapshot(String reason, Set<String> services) {
        MetricsSnapshot current = metrics.current();
        List<AlertView> alerts = state.activeAlerts().stream()
                .filter(alert -> services.isEmpty() || services.contains(alert.service())).toList();
        SocketMessages.SnapshotData data = new SocketMessages.SnapshotData(current.timestamp(),
                only(current.services(), services), only(state.healthOfAll(), services), alerts,
                only(state.labels(), services));
        return new SocketMessages.Snapshot(SocketMessages.SNAPSHOT, seq, stream, reason, data, current.timestamp());
    }

    private static <V> SortedMap<String, V> only(SortedMap<String, V> all, Set<String> services) {
        if (services.isEmpty()) {
            return all;
        }
        SortedMap<String, V> some = new TreeMap<>(all);
        some.keySet().retainAll(services);
        return some;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Outbox outbox = outboxes.get(session.getId());
        if (outbox == null) {
            return;
        }
        outbox.heard();
        try {
            if (message.getPayloadLength() > MAX_CLIENT_MESSAGE) {
                throw new IllegalArgumentException("message longer than " + MAX_CLIENT_MESSAGE + " characters");
            }
            ClientMessage request = Json.read(message.getPayload(), ClientMessage.class);
            switch (request.type() == null ? "" : request.type()) {
                case "ping" -> outbox.offer(control("pong", null, null));
                case "subscribe" -> {
                    Subscription subscription = Subscription.of(request.types(), request.services());
                    outbox.subscribe(subscription);
                    outbox.offer(control("subscribed", subscription, null));
                }
                default -> throw new IllegalArgumentException("type: expected ping or subscribe, was '"
                        + request.type() + "'");
            }
        } catch (IllegalArgumentException e) {
            outbox.offer(control("error", null, e.getMessage()));
        }
    }

    /** What a client may send: {@code {"type":"ping"}} or {@code {"type":"subscribe","types":[],"services":[]}}. */
    record ClientMessage(String type, List<String> types, List<String> services) {
    }

    private String control(String type, Subscription subscription, String text) {
        return Json.write(new SocketMessages.Control(type, subscription == null ? null : subscription.types(),
                subscription == null ? null : subscription.services(), text, clock.instant()));
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        Outbox outbox = outboxes.get(session.getId());
        if (outbox != null) {
            outbox.heard();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        outboxes.remove(session.getId());
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("WebSocket session {} failed", session.getId(), exception);
    }

    /** Tells every subscribed client about a status change. */
    public void broadcastStatusChange(StatusChange change) {
        publish(SocketMessages.STATUS_CHANGE, change.service(),
                next -> SocketMessages.StatusChangeMessage.of(next, change), null);
    }

    /** Tells every subscribed client about an alert transition. */
    public void broadcastAlert(AlertView alert) {
        publish(SocketMessages.ALERT, alert.service(),
                next -> new SocketMessages.AlertMessage(SocketMessages.ALERT, next, alert, clock.instant()), null);
    }

    /** Marks the episode acknowledged in the live state and tells every subscribed client. */
    @EventListener
    public void onAcknowledged(AlertAcknowledged ack) {
        String service = state.acknowledge(ack).map(AlertView::service).orElse(null);
        publish(SocketMessages.ALERT_ACKNOWLEDGED, service,
                next -> SocketMessages.AlertAcknowledgedMessage.of(next, ack, service), null);
    }

    /**
     * Live metrics changed (a window or live view became current): the first change after a push schedules the next
     * one, at once when the last push was at least a min-push interval ago, else when that interval has passed.
     * Called on the consumer thread; the push itself runs on the ticker.
     */
    public void metricsChanged() {
        if (metricsChanged.compareAndSet(false, true)) {
            schedulePush();
        }
    }

    private void schedulePush() {
        Background t = ticker;
        if (t == null) {
            return; // start() schedules it
        }
        t.after(Duration.ofNanos(lastPushNanos + minPushNanos - System.nanoTime()), this::pushIfChanged);
    }

    /**
     * A {@code metrics_update} when live metrics changed since the last push and that push was at least a min-push
     * interval ago. A run that finds the interval not yet passed (a periodic push came in between) does nothing: the
     * change after that push scheduled its own run.
     */
    void pushIfChanged() {
        synchronized (pushing) {
            if (metricsChanged.get() && System.nanoTime() - lastPushNanos >= minPushNanos) {
                pushLocked();
            }
        }
    }

    /** Builds the current metrics once, encodes it once (and once per narrowed subscription) for all clients. */
    void pushMetrics() {
        synchronized (pushing) {
            pushLocked();
        }
    }

    private void pushLocked() {
        if (outboxes.isEmpty()) {
            // nobody to tell: the flag stays set, so no further push is scheduled until a client connects
            return;
        }
        // the time first, then the flag: a change after the clear schedules from this push; cleared before reading,
        // so a change arriving while this one is built is pushed by the next one
        lastPushNanos = System.nanoTime();
        metricsChanged.set(false);
        pushCurrent();
    }

    private void pushCurrent() {
        try {
            MetricsSnapshot current = metrics.current();
            SortedMap<String, Map<String, String>> labels = state.labels();
            publish(SocketMessages.METRICS_UPDATE, null,
                    next -> new SocketMessages.MetricsUpdate(SocketMessages.METRICS_UPDATE, next, current, labels,
                            current.timestamp()),
                    (next, services) -> new SocketMessages.MetricsUpdate(SocketMessages.METRICS_UPDATE, next,
                            new MetricsSnapshot(current.timestamp(), only(current.services(), services)),
                            only(labels, services), current.timestamp()));
        } catch (RuntimeException e) {
            // a failed tick must not cancel the schedule
            log.warn("Building the metrics update failed", e);
        }
    }

    private void publish(String type, String service, LongFunction<Object> build,
                         BiFunction<Long, Set<String>, Object> narrow) {
        synchronized (feed) {
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

    void heartbeat() {
        try {
            long silence = live.heartbeatTimeout().toNanos();
            String beat;
            synchronized (feed) {
                beat = Json.write(new SocketMessages.Heartbeat("heartbeat", stream, seq, clock.instant()));
            }
            outboxes.forEach((id, outbox) -> {
                if (outbox.check(silence)) {
                    outbox.offer(beat);
                } else {
                    outboxes.remove(id, outbox);
                }
            });
        } catch (RuntimeException e) {
            log.warn("WebSocket heartbeat failed", e);
        }
    }

    /** Counters and bounds of the feed, for {@code /debug/websocket-stats}. */
    SocketStatsView stats() {
        long current;
        synchronized (feed) {
            current = seq;
        }
        int queued = outboxes.values().stream().mapToInt(Outbox::queued).sum();
        return new SocketStatsView(outboxes.size(), stats.connected.sum(), stats.sent.sum(), stats.dropped.sum(),
                stats.slowCloses.sum(), stats.deadPeerCloses.sum(), stats.sendFailures.sum(), stats.resumed.sum(),
                stats.replayed.sum(), stats.resumeSnapshots.sum(), stats.rejectedHandshakes.sum(), queued, stream,
                current, replay.size(), replay.bytes());
    }

    int sessionCount() {
        return outboxes.size();
    }

    void rejectedHandshake() {
        stats.rejectedHandshakes.increment();
    }

    @Override
    public void start() {
        closer = Background.start("ws-close", CLOSER_THREADS);
        ticker = Background.start("ws-tick", 2);
        ticker.every(settings.pushInterval(), settings.pushInterval(), this::pushMetrics);
        if (metricsChanged.get()) {
            schedulePush(); // a change that arrived before the start
        }
        ticker.every(live.heartbeatInterval(), live.heartbeatInterval(), this::heartbeat);
    }

    @Override
    public void stop() {
        Background t = ticker;
        Background c = closer;
        ticker = null;
        if (t != null) {
            t.close();
        }
        outboxes.values().forEach(outbox -> outbox.close(CloseStatus.GOING_AWAY));
        outboxes.clear();
        closer = null;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (Exception e) {
            log.debug("Closing WebSocket session {} failed", session.getId(), e);
        }
    }
}
