package io.lifestrands.monitor.api.live;

import io.lifestrands.monitor.api.metrics.MetricsView;
import io.lifestrands.monitor.api.system.ApiSettings;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /ws/monitor}: a snapshot on connect, {@code metrics_update} every push interval and
 * {@code status_change} as changes arrive. Each session sends through a bounded decorator on a small pool, so a slow
 * client is cut off (and may reconnect for a fresh snapshot) instead of delaying the others.
 */
@Component
public class MonitorSocketHandler extends TextWebSocketHandler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MonitorSocketHandler.class);
    private static final int SENDER_THREADS = 4;

    private final MetricsView metrics;
    private final LiveState state;
    private final ApiSettings settings;
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private volatile ExecutorService senders;
    private volatile ScheduledExecutorService ticker;

    public MonitorSocketHandler(MetricsView metrics, LiveState state, ApiSettings settings) {
        this.metrics = metrics;
        this.state = state;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession bounded = new ConcurrentWebSocketSessionDecorator(session,
                (int) settings.socketSendTimeLimit().toMillis(), (int) settings.socketBufferLimit().toBytes());
        send(bounded, text(SocketMessages.Snapshot.of(metrics.current(), state.healthOfAll())));
        // added after the snapshot so no update overtakes it; a failed snapshot has closed the session already
        if (bounded.isOpen()) {
            sessions.put(session.getId(), bounded);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        sessions.remove(session.getId());
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("WebSocket session {} failed", session.getId(), exception);
        drop(sessions.getOrDefault(session.getId(), session));
    }

    /** Tells every client about a status change; returns at once, the sends run on the sender pool. */
    public void broadcastStatusChange(StatusChange change) {
        broadcast(text(SocketMessages.StatusChangeMessage.of(change)));
    }

    void pushMetrics() {
        try {
            if (!sessions.isEmpty()) {
                broadcast(text(SocketMessages.MetricsUpdate.of(metrics.current())));
            }
        } catch (RuntimeException e) {
            // a failed tick must not cancel the schedule
            log.warn("Building the metrics update failed", e);
        }
    }

    private void broadcast(TextMessage message) {
        ExecutorService pool = senders;
        if (pool == null) {
            return;
        }
        for (WebSocketSession session : sessions.values()) {
            pool.execute(() -> send(session, message));
        }
    }

    private void send(WebSocketSession session, TextMessage message) {
        try {
            session.sendMessage(message);
        } catch (Exception e) {
            // includes the decorator's SessionLimitExceededException for a client that cannot keep up
            log.info("Dropping WebSocket session {}: {}", session.getId(), e.toString());
            drop(session);
        }
    }

    private void drop(WebSocketSession session) {
        sessions.remove(session.getId());
        try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (Exception e) {
            log.debug("Closing WebSocket session {} failed", session.getId(), e);
        }
    }

    private static TextMessage text(Object message) {
        return new TextMessage(Json.write(message));
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(SENDER_THREADS, daemon("ws-send-"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("ws-push-"));
        long period = settings.pushInterval().toMillis();
        ticker.scheduleAtFixedRate(this::pushMetrics, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = ticker;
        ExecutorService s = senders;
        ticker = null;
        senders = null;
        if (t != null) {
            t.shutdownNow();
        }
        if (s != null) {
            s.shutdownNow();
        }
        sessions.values().forEach(session -> {
            try {
                session.close(CloseStatus.GOING_AWAY);
            } catch (Exception e) {
                log.debug("Closing WebSocket session {} failed", session.getId(), e);
            }
        });
        sessions.clear();
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
