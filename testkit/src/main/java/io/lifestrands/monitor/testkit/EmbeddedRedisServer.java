package io.lifestrands.monitor.testkit;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A real Redis server from the binary shipped in a Maven artifact (com.github.codemonstur:embedded-redis). */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a server bound to loopback, without persistence.
     *
     * @param port the port, or 0 for a free one
     */
    public static EmbeddedRedisServer start(int port) {
        int actual = port > 0 ? port : Ports.free();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(actual)
                    .bind("127.0.0.1")
                    // live state is rebuilt from Kafka; no snapshots to disk
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return new EmbeddedRedisServer(server, actual);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start on port " + actual, e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://localhost:port}, the form of {@code REDIS_URL}. */
    public String url() {
        return "redis://localhost:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
