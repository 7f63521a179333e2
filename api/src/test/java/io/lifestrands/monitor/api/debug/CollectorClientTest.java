package io.lifestrands.monitor.api.debug;

import com.sun.net.httpserver.HttpServer;
import io.lifestrands.monitor.api.system.OpsSettings;
import io.lifestrands.monitor.testkit.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /debug/collection-status}'s fetch against a real HTTP server standing in for a collector. */
class CollectorClientTest {

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
        OpsSettings ops = new OpsSettings(Duration.ofMinutes(3), List.of(live, dead), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofHours(1), Map.of(), 7, 30);

        List<CollectorClient.CollectorStatus> statuses = new CollectorClient(ops).fetchAll();

        assertThat(statuses).hasSize(2);
        assertThat(statuses.get(0).url()).isEqualTo(live);
        assertThat(statuses.get(0).reachable()).isTrue();
        assertThat(statuses.get(0).status().get("probes").asInt()).isEqualTo(3);
        assertThat(statuses.get(1).reachable()).isFalse();
        assertThat(statuses.get(1).error()).isNotBlank();
    }
}
