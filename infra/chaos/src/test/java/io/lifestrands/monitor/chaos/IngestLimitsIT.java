package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.collector.CollectorApplication;
import io.lifestrands.monitor.testkit.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QUALITY S5 through the real collector's {@code POST /ingest} (1 MB limit): oversized bodies with and without a
 * Content-Length, 20 MB strings, nesting 1,000 deep, hostile values. Each gets 413 or 400 with a problem body, never a
 * 5xx, and the endpoint still accepts a valid batch afterwards.
 */
class IngestLimitsIT {

    private static final int LIMIT = 1024 * 1024;
    private static final String TS = "2026-01-01T00:00:00Z";

    private static ConfigurableApplicationContext collector;
    private static URI ingest;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

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
        byte[] head = ("[{\"kind\":\"event\",\"service\":\"s5\",\"ts\":\"" + TS + "\",\"error\":\"")
                .getBytes(StandardCharsets.UTF_8);
        int length = head.length + 20 * LIMIT + 3;

        // a raw socket that reads while it writes: the server answers 413 from the Content-Length before the body has
        // arrived and then closes the connection, which fails the rest of the upload; an HTTP client that reads only
        // after writing would report the broken pipe instead of the answer
        String statusLine;
        try (Socket socket = new Socket(ingest.getHost(), ingest.getPort())) {
            socket.setSoTimeout(30_000);
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> firstLine(socket));
            OutputStream out = socket.getOutputStream();
            try {
                out.write(("POST /ingest HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(head);
                byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                for (int sent = 0; sent < 20 * LIMIT; sent += chunk.length) {
                    out.write(chunk);
                }
                out.write("\"}]".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException expected) {
                // the server stopped reading after its answer
            }
            statusLine = answer.get(30, TimeUnit.SECONDS);
        }

        assertThat(statusLine).startsWith("HTTP/1.1 413");
    }

    private static String firstLine(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }

    @Test
    void nestingAThousandDeepIs400() throws Exception {
        String body = "[".repeat(1000) + "]".repeat(1000);

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void nestingAThousandDeepInsideASampleIs400() throws Exception {
        String body = "[{\"kind\":\"event\",\"service\":\"s5\",\"ts\":\"" + TS + "\",\"labels\":"
                + "{\"a\":".repeat(1000) + "1" + "}".repeat(1000) + "}]";

        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void hostileValuesAre400NeverServerErrors() throws Exception {
        for (String body : new String[]{"", "null", "{}", "[null]", "[1e999]", "[\"\\ud800\"]",
                "[{\"kind\":\"request\",\"service\":\"s5\",\"ts\":\"" + TS + "\",\"up\":true,\"latency_ms\":NaN}]",
                "[{\"kind\":\"request\",\"service\":\"s5\",\"ts\":\"" + TS + "\",\"up\":true,\"latency_ms\":-1}]",
                "[{\"kind\":\"event\",\"service\":\"s5\",\"ts\":\"" + TS + "\",\"error\":\"" + "x".repeat(60_000)
                        + "\"}]",
                "[{\"kind\":\"event\",\"service\":\"<script>\",\"ts\":\"" + TS + "\"}]"}) {
            HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body));

            assertThat(response.statusCode()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
        }
    }

    @Test
    void validBatchIsStillAccepted() throws Exception {
        String body = "[{\"kind\":\"event\",\"service\":\"s5\",\"ts\":\"" + TS + "\"}]";

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
