package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.testkit.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A changed live view reaches WebSocket clients as a {@code metrics_update} without waiting for the periodic push:
 * the periodic push is set to an hour here, so only the change-driven push can deliver it. Real Kafka and Redis.
 */
class LivePushIT {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration MIN_PUSH = Duration.ofMillis(200);
    private static ApiFixture api;

    @BeforeAll
    static void startApi() {
        api = new ApiFixture(Map.of("monitor.api.live.push-interval", "1h",
                "monitor.api.live.min-push-interval", MIN_PUSH.toMillis() + "ms"));
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @Test
    void changedLiveViewIsPushedSoonAndNothingIsPushedWhileNothingChanges() throws Exception {
        String service = "svc-push-" + api.id;
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        // only this test's service: the shared topics hold the services of every earlier test in this JVM, and a
        // snapshot or metrics_update of all of them would measure their size, not the push
        try (SocketClient client = SocketClient.connect(URI.create(api.webSocketUri() + "?services=" + service))) {
            await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());

            MetricWindow first = window(service, "latency_ms", "live1m", start, MINUTE, 0, 10, 20, 30);
            api.produce(first);
            JsonNode pushed = awaitUpdateWith(client, service, first.p99());
            assertThat(pushed.get("data").get("services").get(service).get("requests_per_minute").asDouble())
                    .isEqualTo(first.ratePerMin());

            // the same live view updated in place (the processor's next live tick) is pushed again
            MetricWindow updated = window(service, "latency_ms", "live1m", start, MINUTE, 0, 10, 20, 30, 900);
            api.produce(updated);
            awaitUpdateWith(client, service, updated.p99());

            // nothing changes: several min-push ticks pass without a metrics_update (the periodic one is an hour)
            int updates = client.ofType("metrics_update").size();
            Thread.sleep(MIN_PUSH.multipliedBy(10).toMillis());
            client.send("{\"type\":\"ping\"}");
            await().atMost(WAIT).until(() -> !client.ofType("pong").isEmpty());
            assertThat(client.ofType("metrics_update")).hasSize(updates);
        }
    }

    /**
     * Leading edge and rate limit, without timing anything: with a min-push interval of an hour, only an immediate
     * push can deliver the first change, and the next change must not be pushed although the api already holds it
     * (a second client's snapshot shows it).
     */
    @Test
    void firstChangeIsPushedAtOnceAndTheNextWaitsForTheMinPushInterval() throws Exception {
        // a broker of its own: on the shared one this api would first replay every earlier test's windows, and the
        // push those changes trigger would use up the hour before the test's first change arrives
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0);
             ApiFixture hourly = new ApiFixture(Map.of("monitor.api.live.push-interval", "1h",
                     "monitor.api.live.min-push-interval", "1h",
                     "monitor.api.bootstrap-servers", kafka.bootstrapServers()))) {
            String service = "svc-lead-" + hourly.id;
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            URI uri = URI.create(hourly.webSocketUri() + "?services=" + service);
            try (SocketClient client = SocketClient.connect(uri)) {
                await().atMost(WAIT).until(() -> !client.ofType("snapshot").isEmpty());

                MetricWindow first = window(service, "latency_ms", "live1m", start, MINUTE, 0, 10, 20, 30);
                hourly.produce(first);
                awaitUpdateWith(client, service, first.p99());

                MetricWindow next = window(service, "latency_ms", "live1m", start, MINUTE, 0, 10, 20, 30, 900);
                hourly.produce(next);
                // the api holds it: a client connecting now gets it in its snapshot
                await().atMost(WAIT).untilAsserted(() -> {
                    try (SocketClient fresh = SocketClient.connect(uri)) {
                        await().atMost(WAIT).until(() -> !fresh.ofType("snapshot").isEmpty());
                        assertThat(fresh.ofType("snapshot").get(0).path("data").path("services").path(service)
                                .path("latency_ms").path("p99").asDouble()).isEqualTo(next.p99());
                    }
                });
                client.send("{\"type\":\"ping\"}");
                await().atMost(WAIT).until(() -> !client.ofType("pong").isEmpty());
                assertThat(updatesWith(client, service, next.p99())).isEmpty();
            }
        }
    }

    /** Waits for a {@code metrics_update} showing the service with that p99 latency; returns it. */
    private static JsonNode awaitUpdateWith(SocketClient client, String service, double p99) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(updatesWith(client, service, p99).findAny())
                .as(() -> "metrics_update with p99 " + p99 + "; received "
                        + client.messages.stream().map(m -> m.path("type").asString()).toList() + ", close code "
                        + client.closeCode.getNow(null))
                .isPresent());
        List<JsonNode> matching = updatesWith(client, service, p99).toList();
        return matching.get(0);
    }

    private static Stream<JsonNode> updatesWith(SocketClient client, String service, double p99) {
        return client.ofType("metrics_update").stream().filter(m -> {
            JsonNode entry = m.path("data").path("services").path(service);
            return !entry.isMissingNode() && entry.path("latency_ms").path("p99").asDouble() == p99;
        });
    }
}
