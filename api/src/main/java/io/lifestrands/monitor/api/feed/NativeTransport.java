package io.lifestrands.monitor.api.feed;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Sends through the container's asynchronous endpoint, so a client with a full TCP window holds no thread; the
 * container fails a send that takes longer than the send time limit.
 */
final class NativeTransport implements Transport {

    /** Tomcat's bound of blocking sends (pings, close frames), in milliseconds. */
    static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final Logger log = LoggerFactory.getLogger(NativeTransport.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final WebSocketSession session;
    private final RemoteEndpoint.Async remote;

    NativeTransport(WebSocketSession session, Duration sendTimeLimit) {
        this.session = session;
        if (!(session instanceof NativeWebSocketSession nativeSession)
                || nativeSession.getNativeSession(Session.class) == null) {
            throw new IllegalStateException("the WebSocket container must be a Jakarta one, was "
                    + session.getClass().getName());
        }
        Session jakarta = nativeSession.getNativeSession(Session.class);
        jakarta.getUserProperties().put(BLOCKING_SEND_TIMEOUT, sendTimeLimit.toMillis());
        this.remote = jakarta.getAsyncRemote();
        remote.setSendTimeout(sendTimeLimit.toMillis());
    }

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        try {
            remote.sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void ping() throws Exception {
        remote.sendPing(EMPTY.duplicate());
    }

    @Override
    public void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (Exception e) {
            log.debug("Closing WebSocket session {} failed", session.getId(), e);
        }
    }
}
