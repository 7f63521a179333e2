package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.schema.json.Json;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A transport whose sends complete at once; records the texts, pings and the close. */
final class RecordingTransport implements Transport {

    final List<String> sent = new CopyOnWriteArrayList<>();
    private final String id;
    int pings;
    CloseStatus closedWith;

    RecordingTransport(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        sent.add(text);
        done.accept(null);
    }

    @Override
    public void ping() {
        pings++;
    }

    @Override
    public void close(CloseStatus status) {
        closedWith = status;
    }

    /** The sent messages as JSON. */
    List<JsonNode> messages() {
        return sent.stream().map(Json.MAPPER::readTree).toList();
    }

    List<JsonNode> ofType(String type) {
        return messages().stream().filter(m -> m.path("type").asString().equals(type)).toList();
    }
}
