package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ClientProtocolTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ClientProtocol protocol = new ClientProtocol(Clock.fixed(T0, ZoneOffset.UTC));
    private final List<Subscription> subscribed = new ArrayList<>();

    @Test
    void aPingIsAnsweredWithAPongAtTheClocksTime() {
        JsonNode answer = answer("{\"type\":\"ping\"}");

        assertThat(answer.path("type").asString()).isEqualTo("pong");
        assertThat(answer.path("timestamp").asString()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(answer.has("seq")).isFalse();
        assertThat(subscribed).isEmpty();
    }

    @Test
    void aSubscribeReplacesTheFiltersAndIsConfirmed() {
        JsonNode answer = answer("{\"type\":\"subscribe\",\"types\":[\"alert\"],\"services\":[\"gateway\"]}");

        assertThat(subscribed).singleElement().satisfies(sub -> {
            assertThat(sub.types()).isEqualTo(Set.of("alert"));
            assertThat(sub.services()).isEqualTo(Set.of("gateway"));
        });
        assertThat(answer.path("type").asString()).isEqualTo("subscribed");
        assertThat(answer.path("types").get(0).asString()).isEqualTo("alert");
        assertThat(answer.path("services").get(0).asString()).isEqualTo("gateway");
    }

    @Test
    void anUnknownTypeGetsAnErrorNamingIt() {
        JsonNode answer = answer("{\"type\":\"shout\"}");

        assertThat(answer.path("type").asString()).isEqualTo("error");
        assertThat(answer.path("message").asString()).contains("'shout'");
    }

    @Test
    void aBadSubscriptionIsRefusedAndKeepsTheOldFilters() {
        JsonNode answer = answer("{\"type\":\"subscribe\",\"types\":[\"alerts\"]}");

        assertThat(answer.path("type").asString()).isEqualTo("error");
        assertThat(answer.path("message").asString()).contains("'alerts'");
        assertThat(subscribed).isEmpty();
    }

    @Test
    void aMessageOverFourKilobytesIsRefusedUnread() {
        String padded = "{\"type\":\"ping\",\"pad\":\"" + "é".repeat(2100) + "\"}"; // < 4096 chars, > 4096 bytes

        JsonNode answer = answer(padded);

        assertThat(answer.path("type").asString()).isEqualTo("error");
        assertThat(answer.path("message").asString()).contains("4096");
    }

    @Test
    void malformedJsonGetsAnError() {
        assertThat(answer("{type: ping").path("type").asString()).isEqualTo("error");
    }

    private JsonNode answer(String payload) {
        return Json.MAPPER.readTree(protocol.answer(payload, subscribed::add));
    }
}
