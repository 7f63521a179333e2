package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.schema.json.Json;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A test client of {@code /ws/monitor} that collects every text message as JSON and the close it got. */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static SocketClient connect(URI uri) throws Exception {
        return connect(uri, Map.of());
    }

    public static SocketClient connect(URI uri, Map<String, String> headers) throws Exception {
        SocketClient client = new SocketClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(Json.MAPPER.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    public List<JsonNode> ofType(String type) {
        return messages.stream().filter(m -> m.path("type").asString().equals(type)).toList();
    }

    /** Messages that are part of the stream (everything with a {@code seq} except snapshots and heartbeats). */
    List<JsonNode> sequenced() {
        return messages.stream().filter(m -> m.has("seq"))
                .filter(m -> !List.of("snapshot", "heartbeat").contains(m.path("type").asString())).toList();
    }

    /** Every text frame received so far, as received (JSON), one a line. */
    public String frames() {
        StringBuilder out = new StringBuilder();
        messages.forEach(message -> out.append(message).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }
}
