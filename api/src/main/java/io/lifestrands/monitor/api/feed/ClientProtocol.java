package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.schema.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a client may say on {@code /ws/monitor} and what it is answered: {@code ping} gets {@code pong},
 * {@code subscribe} replaces the client's filters and gets {@code subscribed}; anything else, or a message of more
 * than {@value #MAX_CLIENT_MESSAGE} bytes (UTF-8), gets {@code error} naming the problem.
 */
final class ClientProtocol {

    static final int MAX_CLIENT_MESSAGE = 4096;

    private final Clock clock;

    ClientProtocol(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param subscribe applies a new subscription to the client
     * @return the answer to send
     */
    String answer(String payload, Consumer<Subscription> subscribe) {
        try {
            // chars first: a long message is refused without encoding it
            if (payload.length() > MAX_CLIENT_MESSAGE
                    || payload.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_MESSAGE) {
                throw new IllegalArgumentException("message longer than " + MAX_CLIENT_MESSAGE + " characters");
            }
            ClientMessage request = Json.read(payload, ClientMessage.class);
            return switch (request.type() == null ? "" : request.type()) {
                case "ping" -> control("pong", null, null);
                case "subscribe" -> {
                    Subscription subscription = Subscription.of(request.types(), request.services());
                    subscribe.accept(subscription);
                    yield control("subscribed", subscription, null);
                }
                default -> throw new IllegalArgumentException("type: expected ping or subscribe, was '"
                        + request.type() + "'");
            };
        } catch (IllegalArgumentException e) {
            return control("error", null, e.getMessage());
        }
    }

    private String control(String type, Subscription subscription, String text) {
        return Json.write(new SocketMessages.Control(type, subscription == null ? null : subscription.types(),
                subscription == null ? null : subscription.services(), text, clock.instant()));
    }

    /** What a client may send: {@code {"type":"ping"}} or {@code {"type":"subscribe","types":[],"services":[]}}. */
    record ClientMessage(String type, List<String> types, List<String> services) {
    }
}
