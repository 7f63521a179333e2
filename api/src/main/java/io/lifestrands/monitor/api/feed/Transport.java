package io.lifestrands.monitor.api.feed;

import org.springframework.web.socket.CloseStatus;

import java.util.function.Consumer;

/** The wire under one {@link Outbox}: asynchronous text sends, pings and close. */
interface Transport {

    String id();

    /**
     * Starts sending {@code text} without blocking; {@code done} gets null on success, else the failure. It may run
     * on the calling thread.
     */
    void sendText(String text, Consumer<Throwable> done);

    /** Sends a WebSocket ping; called only when no text send is in flight. */
    void ping() throws Exception;

    void close(CloseStatus status);
}
