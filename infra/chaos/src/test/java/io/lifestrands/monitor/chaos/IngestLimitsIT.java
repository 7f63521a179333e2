package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.collector.CollectorApplication;
import io.lifestrands.monitor.testkit.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QUALITY S5 through the real collector's {@code POST /ingest} (1 MB limit): oversized bodies with and without a
 * Content-Length, 20 MB strings, nesting 1,000 deep, hostile values. Each gets 413 or 400 with a problem body, never a
 * 5xx, and the endpoint still accepts a valid batch afterwards.
 */
class IngestLimitsIT {

    private static final int LIMIT = 1024 * 1024;

    private static ConfigurableApplicationContext collector;
    private static URI ingest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        collector = CollectorApplication.start(Map.of(
                "server.port", 0,
                "monitor.collector.bootstrap-servers", TestServers.kafka().bootstrapServers(),
                "monitor.collector.host-id", "s5-host",
                "monitor.collector.samples-topic", "it.s5.samples." + UUID.randomUUID(),
                "monitor.collector.max-ingest-body", "1MB",
                // one slow target replaces the demo fleet list: nothing to probe here
                "monitor.collector.targets[0].kind", "system",
                "monitor.collector.targets[0].interval", "1h"));
        ingest = URI.create("http://localhost:" + collector.getEnvironment().getProperty("local.server.port")
                + "/ingest");
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    @Test
    void bodyOverTheLimitWithContentLengthIs413() throws Exception {
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString("[" + " ".repeat(LIMIT) + "]"));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void bodyOverTheLimitWithoutContentLengthIs413() throws Exception {
        byte[] body = ("[\"" + "x".repeat(2 * LIMIT) + "\"]").getBytes(StandardCharsets.UTF_8);

        // a stream publisher has no length: the request is sent chunked and the server must count for itself
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body)));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void twentyMegabyteStringIs413() throws Exception {
        String sample = "[{\"kind\":\"event\",\"service\":\"s5\",\"ts\":\"" + Instant.now() + "\",\"error\":\""
                + "x".repeat(20 * LIMIT) + "\"}]";

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(sample));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void nestingAThousandDeepIs400() throws Exception {
        String body = "[".repeat(1000) + "]".repeat(1000);

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void nestingAThousandDeepInsideASampleIs400() throws Exception {
        String body = "[{\"kind\":\"event\",\"service\":\"s5\",\"ts\":\"" + Instant.now() + "\",\"labels\":"
                + "{\"a\":".repeat(1000) + "1" + "}".repeat(1000) + "}]";

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void hostileValuesAre400NeverServerErrors() throws Exception {
        String ts = Instant.now().toString();
        for (String body : new String[]{"", "null", "{}", "[null]", "[1e999]", "[\"\\ud800\"]",
                "[{\"kind\":\"request\",\"service\":\"s5\",\"ts\":\"" + ts + "\",\"up\":true,\"latency_ms\":NaN}]",
                "[{\"kind\":\"request\",\"service\":\"s5\",\"ts\":\"" + ts + "\",\"up\":true,\"latency_ms\":-1}]",
                "[{\"kind\":\"event\",\"service\":\"s5\",\"ts\":\"" + ts + "\",\"error\":\"" + "x".repeat(60_000)
                        + "\"}]",
                "[{\"kind\":\"event\",\"service\":\"<script>\",\"ts\":\"" + ts + "\"}]"}) {
            HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body));

            assertThat(response.statusCode()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
        }
    }

    @Test
    void validBatchIsStillAccepted() throws Exception {
        String body = "[{\"kind\":\"event\",\"service\":\"s5\",\"ts\":\"" + Instant.now() + "\"}]";

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(ingest)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
