package io.lifestrands.monitor.collector.probe;

import com.sun.net.httpserver.HttpServer;
import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static io.lifestrands.monitor.collector.config.TestSettings.target;
import static org.assertj.core.api.Assertions.assertThat;

/** How the HTTP probe reads bodies the simulated fleet never sends. */
class HealthBodyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private HttpServer server;
    private volatile int status = 200;
    private volatile byte[] body = new byte[0];
    private final ProbeFactory probes = new ProbeFactory(settings(List.of()), HttpClient.newHttpClient());

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void unhealthyStatusWordIsDown() {
        answer(200, "{\"status\":\"unhealthy\",\"reason\":\"db\"}");

        Sample sample = probe();

        assertThat(sample.up()).isFalse();
        assertThat(sample.error()).isEqualTo("reports status 'unhealthy'");
        assertThat(sample.labels()).containsEntry("health", "unhealthy");
    }

    @Test
    void degradedIsUpAndLabelled() {
        answer(200, "{\"status\":\"degraded\"}");

        Sample sample = probe();

        assertThat(sample.up()).isTrue();
        assertThat(sample.labels()).containsEntry("health", "degraded");
    }

    @Test
    void nonJsonBodyCountsByStatusCode() {
        answer(200, "OK");

        Sample sample = probe();

        assertThat(sample.up()).isTrue();
        assertThat(sample.labels()).doesNotContainKey("health");
    }

    @Test
    void serviceUnavailableWithoutBodyIsDown() {
        answer(503, "");

        Sample sample = probe();

        assertThat(sample.up()).isFalse();
        assertThat(sample.statusCode()).isEqualTo(503);
    }

    @Test
    void hugeBodyIsCutAndDoesNotBreakTheProbe() {
        answer(200, "{\"status\":\"healthy\",\"junk\":\"" + "x".repeat(2 * JsonHttp.MAX_BODY_BYTES) + "\"}");

        Sample sample = probe();

        assertThat(sample.up()).isTrue();
        assertThat(sample.labels()).doesNotContainKey("health");
    }

    @Test
    void instanceIdOfTheBodyBecomesTheInstanceLabelNotAMetric() {
        answer(200, "{\"status\":\"ok\",\"instance_id\":\"chat-7f3a\",\"started_at\":\"2026-01-01T00:00:00Z\"}");

        Sample sample = probe();

        assertThat(sample.labels()).containsEntry("instance_id", "chat-7f3a");
        assertThat(sample.metrics()).doesNotContainKeys("instance_id", "started_at");
    }

    @Test
    void withoutAnInstanceIdTheStartTimeOrANumericIdNamesTheInstance() {
        answer(200, "{\"status\":\"ok\",\"started_at\":\"2026-01-01T00:00:00Z\"}");
        Sample byStart = probe();
        answer(200, "{\"status\":\"ok\",\"instance_id\":4711}");
        Sample byNumber = probe();
        answer(200, "{\"status\":\"ok\",\"instance_id\":\" \",\"started_at\":1767225600}");
        Sample byEpoch = probe();
        answer(200, "{\"status\":\"ok\"}");
        Sample none = probe();

        assertThat(byStart.labels()).containsEntry("instance_id", "2026-01-01T00:00:00Z");
        assertThat(byNumber.labels()).containsEntry("instance_id", "4711");
        assertThat(byNumber.metrics()).doesNotContainKey("instance_id");
        assertThat(byEpoch.labels()).containsEntry("instance_id", "1767225600");
        assertThat(none.labels()).doesNotContainKey("instance_id");
    }

    private void answer(int code, String text) {
        status = code;
        body = text.getBytes(StandardCharsets.UTF_8);
    }

    private Sample probe() {
        return probes.create(target("svc", TargetKind.HTTP, "http://127.0.0.1:" + server.getAddress().getPort(),
                Duration.ofSeconds(5))).probe(T0);
    }
}
