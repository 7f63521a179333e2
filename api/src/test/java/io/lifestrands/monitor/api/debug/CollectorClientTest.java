package io.lifestrands.monitor.api.debug;

import com.sun.net.httpserver.HttpServer;
import io.lifestrands.monitor.testkit.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /debug/collection-status}'s fetch against a real HTTP server standing in for a collector. */
class CollectorClientTest {

    private static final String TOKEN = "collector-token-0123456789";
    private HttpServer collector;

    @BeforeEach
    void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/collection-status", exchange -> {
            byte[] body = "{\"probes\":3,\"last_cycle_ms\":42}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // a collector that wants a token, as one behind an authenticating proxy does
        collector.createContext("/guarded/collection-status", exchange -> {
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders()
                    .getFirst("Authorization"));
            byte[] body = authorized ? "{\"probes\":5}".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(authorized ? 200 : 401, authorized ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stop() {
        collector.stop(0);
    }

    @Test
    void fetchesEachConfiguredCollectorAndNamesTheUnreachable() {
        String live = "http://127.0.0.1:" + collector.getAddress().getPort();
        String dead = "http://127.0.0.1:" + Ports.free();
        List<CollectorClient.CollectorStatus> statuses = new CollectorClient(settings(List.of(live, dead), null))
                .fetchAll();

        assertThat(statuses).hasSize(2);
        assertThat(statuses.get(0).url()).isEqualTo(live);
        assertThat(statuses.get(0).reachable()).isTrue();
        assertThat(statuses.get(0).status().get("probes").asInt()).isEqualTo(3);
        assertThat(statuses.get(1).reachable()).isFalse();
        assertThat(statuses.get(1).error()).isNotBlank();
    }

    @Test
    void sendsTheConfiguredTokenAndNeverShowsIt() {
        List<String> guarded = List.of("http://127.0.0.1:" + collector.getAddress().getPort() + "/guarded");

        CollectorClient.CollectorStatus withToken = new CollectorClient(settings(guarded, " " + TOKEN + " ")).fetchAll()
                .get(0);
        CollectorClient.CollectorStatus without = new CollectorClient(settings(guarded, "")).fetchAll().get(0);

        assertThat(withToken.reachable()).isTrue();
        assertThat(withToken.status().get("probes").asInt()).isEqualTo(5);
        assertThat(without.reachable()).isFalse();
        assertThat(without.httpStatus()).isEqualTo(401);
        assertThat(settings(guarded, TOKEN).toString()).doesNotContain(TOKEN).contains("collectorToken=set");
    }

    private static DebugSettings settings(List<String> urls, String token) {
        return new DebugSettings(urls, Duration.ofSeconds(2), token, Duration.ofSeconds(5), Duration.ofHours(1));
    }
}
