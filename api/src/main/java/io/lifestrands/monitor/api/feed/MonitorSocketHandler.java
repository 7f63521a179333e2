package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.slo.SloBook;
import io.lifestrands.monitor.api.slo.SloView;
import io.lifestrands.monitor.api.state.LiveState;
import io.lifestrands.monitor.api.state.StateListener;
import io.lifestrands.monitor.schema.MetricWindow;

import io.lifestrands.monitor.api.alerts.ActiveAlerts;
import io.lifestrands.monitor.api.alerts.AlertAcknowledged;
import io.lifestrands.monitor.api.alerts.AlertListener;
import io.lifestrands.monitor.api.alerts.AlertView;
import io.lifestrands.monitor.api.state.MetricsView;
import io.lifestrands.monitor.api.system.Background;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.StatusChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * {@code /ws/monitor} sessions: a new client is greeted by the {@link LiveFeed} (snapshot, or replay when it resumes)
 * and then gets every message of the feed its subscription wants, through its own bounded {@link Outbox}; what a
 * client sends is answered by the {@link ClientProtocol}. Change-driven and periodic {@code metrics_update}s come from
 * the {@link MetricsPusher}, pings and dead-peer closes from the {@link Heartbeat}; both run on one {@link Background}.
 */
@Component
public class MonitorSocketHandler extends TextWebSocketHandler implements SmartLifecycle, AlertListener,
        StateListener {

    static final String SUBSCRIPTION = "monitor.subscription";
    static final String RESUME_STREAM = "monitor.resume.stream";
    static final String RESUME_SEQ = "monitor.resume.seq";
    private static final Logger log = LoggerFactory.getLogger(MonitorSocketHandler.class);
    /** Closes may block up to the send time limit each; several run at once so one slow peer delays no other. */
    private static final int CLOSER_THREADS = 8;
    private static final int TICKER_THREADS = 2;

    private final LiveSettings live;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final SocketStats stats = new SocketStats();
    private final LiveFeed feed;
    private final ClientProtocol protocol;
    private final MetricsPusher pusher;
    private final Heartbeat heartbeat;
    private volatile Background closer;
    private volatile Background ticker;

    public MonitorSocketHandler(MetricsView metrics, LiveState state, ActiveAlerts alerts, SloBook slos,
                                LiveSettings live, Clock clock) {
        this.live = live;
        this.clock = clock;
        // the one place the feed reads the machine's monotonic time (send limits, silence, the push throttle);
        // every part takes it as given, so their tests set it
        this.nanoTime = System::nanoTime;
        this.feed = new LiveFeed(new ReplayBuffer(live.replayMessages(), live.replayBytes().toBytes()),
                new Snapshots(metrics, state, alerts), stats, live.sessionQueue(),
                live.socketBufferLimit().toBytes());
        this.protocol = new ClientProtocol(clock);
        this.pusher = new MetricsPusher(feed, metrics, state, new PushThrottle(live.minPushInterval(), nanoTime),
                live.pushInterval());
        this.heartbeat = new Heartbeat(feed, live.heartbeatTimeout(), clock);
        alerts.listen(this);
        state.listen(this);
        state.anomalies().listen(this::anomalyChanged);
        slos.listen(this::sloChanged);
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
        Outbox outbox = new Outbox(new NativeTransport(session, live.socketSendTimeLimit()), subscription,
                live.sessionQueue(), live.socketBufferLimit().toBytes(), live.socketSendTimeLimit().toNanos(),
                pool, stats, nanoTime);
        stats.connected.increment();
        feed.register(outbox, (String) session.getAttributes().get(RESUME_STREAM),
                (Long) session.getAttributes().get(RESUME_SEQ), pusher::firstClientGreeting);
        pusher.clientRegistered();
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        feed.outbox(session.getId()).ifPresent(outbox -> {
            outbox.heard();
            outbox.offer(protocol.answer(message.getPayload(), outbox::subscribe));
        });
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        feed.outbox(session.getId()).ifPresent(Outbox::heard);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        feed.outbox(session.getId()).ifPresent(feed::remove);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("WebSocket session {} failed", session.getId(), exception);
    }

    /** Tells every subscribed client about a status change (not of a forgotten service: the next push shows it). */
    @Override
    public void statusChanged(String service, StatusChange change) {
        if (change != null) {
            broadcastStatusChange(change);
        }
    }

    /** Tells every subscribed client about a status change. */
    public void broadcastStatusChange(StatusChange change) {
        feed.publish(SocketMessages.STATUS_CHANGE, change.service(),
                next -> SocketMessages.StatusChangeMessage.of(next, change), null);
    }

    /** Tells every subscribed client about an alert transition. */
    @Override
    public void alertChanged(AlertView alert) {
        feed.publish(SocketMessages.ALERT, alert.service(),
                next -> new SocketMessages.AlertMessage(SocketMessages.ALERT, next, alert, clock.instant()), null);
    }

    /** Tells every subscribed client that an anomaly episode opened or closed. */
    void anomalyChanged(AnomalyEpisode episode) {
        feed.publish(SocketMessages.ANOMALY, episode.service(),
                next -> new SocketMessages.AnomalyMessage(SocketMessages.ANOMALY, next, episode, clock.instant()),
                null);
    }

    /** Tells every subscribed client that an SLO or its status changed. */
    void sloChanged(SloView slo) {
        feed.publish(SocketMessages.SLO_STATUS, slo.service(),
                next -> new SocketMessages.SloStatusMessage(SocketMessages.SLO_STATUS, next, slo, clock.instant()),
                null);
    }

    /** Tells every subscribed client that an open alert was acknowledged. */
    @Override
    public void alertAcknowledged(AlertAcknowledged ack, AlertView alert) {
        feed.publish(SocketMessages.ALERT_ACKNOWLEDGED, alert.service(),
                next -> SocketMessages.AlertAcknowledgedMessage.of(next, ack, alert.service()), null);
    }

    /**
     * Live metrics changed (a window or live view became current); called on the consumer thread. See
     * {@link MetricsPusher#changed()}.
     */
    @Override
    public void windowChanged(MetricWindow window) {
        pusher.changed();
    }

    /** Counters and bounds of the feed, for {@code /debug/websocket-stats}. */
    SocketStatsView stats() {
        int queued = feed.outboxes().stream().mapToInt(Outbox::queued).sum();
        return new SocketStatsView(feed.clients(), stats.connected.sum(), stats.sent.sum(), stats.dropped.sum(),
                stats.slowCloses.sum(), stats.deadPeerCloses.sum(), stats.sendFailures.sum(), stats.resumed.sum(),
                stats.replayed.sum(), stats.resumeSnapshots.sum(), stats.rejectedHandshakes.sum(), queued,
                feed.stream(), feed.seq(), feed.replayMessages(), feed.replayBytes());
    }

    int sessionCount() {
        return feed.clients();
    }

    void rejectedHandshake() {
        stats.rejectedHandshakes.increment();
    }

    @Override
    public void start() {
        closer = Background.start("ws-close", CLOSER_THREADS);
        Background t = Background.start("ws-tick", TICKER_THREADS);
        t.every(live.heartbeatInterval(), live.heartbeatInterval(), heartbeat);
        pusher.start(t);
        ticker = t;
    }

    @Override
    public void stop() {
        Background t = ticker;
        Background c = closer;
        ticker = null;
        pusher.stop();
        if (t != null) {
            t.close();
        }
        feed.closeAll(CloseStatus.GOING_AWAY);
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
