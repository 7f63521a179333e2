package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.testkit.TestServers;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fan-out under load: many fast clients and a few that never read. The slow ones must be closed with a reason while
 * every fast one keeps receiving every message in order. Small by default; the P6 run is
 * {@code -Dws.load.clients=1000 -Dws.load.slow=10 -Dws.load.seconds=30}. Figures are printed as {@code WS-LOAD}.
 */
class SocketLoadIT {

    private static final int CLIENTS = Integer.getInteger("ws.load.clients", 100);
    private static final int SLOW = Integer.getInteger("ws.load.slow", 3);
    private static final int SECONDS = Integer.getInteger("ws.load.seconds", 8);
    private static final int RATE = Integer.getInteger("ws.load.rate", 20);
    private static final String PADDING = "x".repeat(3500);

    @Test
    void slowClientsAreClosedWhileFastClientsGetEveryMessageInOrder() throws Exception {
        try (ApiFixture api = new ApiFixture(TestServers.redis().url(), Map.of(
                "monitor.api.live.socket-send-time-limit", "2s",
                "monitor.api.live.socket-buffer-limit", "256KB",
                "monitor.api.live.heartbeat-interval", "1s",
                // longer than the run: the never-reading clients must be caught as slow, not as silent
                "monitor.api.live.heartbeat-timeout", "10m",
                "monitor.api.live.push-interval", "1h"))) {
            MonitorSocketHandler handler = api.context().getBean(MonitorSocketHandler.class);
            long heapBefore = usedHeapAfterGc();
            List<HttpClient> https = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                https.add(HttpClient.newHttpClient());
            }
            // only this test's service: the snapshot on connect stays small however much earlier tests in this JVM
            // left on the shared topics (a snapshot of hundreds of services could itself exceed the send limit)
            String service = "load-" + api.id;
            URI feed = URI.create(api.webSocketUri() + "?services=" + service);
            List<FastClient> fast = new ArrayList<>();
            for (int i = 0; i < CLIENTS - SLOW; i++) {
                FastClient client = new FastClient(SECONDS * RATE);
                https.get(i % https.size()).newWebSocketBuilder().buildAsync(feed, client)
                        .get(30, TimeUnit.SECONDS);
                fast.add(client);
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(handler.sessionCount()).as("fast sessions; %s", handler.stats()).isEqualTo(CLIENTS - SLOW));
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < SLOW; i++) {
                slow.add(neverReads(api.port, service));
            }
            // accepted, not necessarily still open: in a long test run the topics hold many services, and a snapshot
            // larger than a never-reading client's socket buffers gets it closed as slow before the first broadcast
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(handler.stats().connectedTotal()).as("%s", handler.stats()).isEqualTo(CLIENTS));
            long firstSeq = handler.stats().seq();

            int measured = SECONDS * RATE;
            for (int i = 0; i < measured; i++) {
                broadcast(handler, service);
                Thread.sleep(1000 / RATE);
            }
            // then keep going until the kernel buffers of the never-reading clients are full and they are closed
            int sent = measured;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (handler.stats().slowCloses() < SLOW && System.nanoTime() < deadline) {
                broadcast(handler, service);
                sent++;
                Thread.sleep(1000 / RATE);
            }
            int total = sent;
            await().atMost(Duration.ofSeconds(60)).until(() -> fast.stream().allMatch(c -> c.received == total));
            long heapAfter = usedHeapAfterGc();
            SocketStatsView stats = handler.stats();

            long[] latencies = fast.stream().flatMapToLong(c -> Arrays.stream(c.latencyMicros, 0, measured))
                    .sorted().toArray();
            System.out.printf("WS-LOAD clients=%d slow=%d measured=%d p50=%.1fms p99=%.1fms max=%.1fms "
                            + "heapBefore=%dMB heapAfter=%dMB slowCloses=%d dropped=%d%n", CLIENTS, SLOW, measured,
                    percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1000.0,
                    heapBefore >> 20, heapAfter >> 20, stats.slowCloses(), stats.dropped());
            for (FastClient client : fast) {
                assertThat(client.outOfOrder).isZero();
                assertThat(client.firstSeq).isGreaterThan(firstSeq);
            }
            assertThat(stats.slowCloses()).isGreaterThanOrEqualTo(SLOW);
            assertThat(handler.sessionCount()).isEqualTo(CLIENTS - SLOW);
            // generous for a shared 2-core machine; the measured p99 is printed above
            assertThat(percentile(latencies, 0.99)).isLessThan(2000.0);
            fast.forEach(FastClient::abort);
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static void broadcast(MonitorSocketHandler handler, String service) {
        handler.broadcastStatusChange(new StatusChange(null, service, ServiceStatus.UP, ServiceStatus.DEGRADED,
                Instant.now(), "load", PADDING, 1.0));
    }

    private static Socket neverReads(int port, String service) throws Exception {
        Socket socket = new Socket();
        // a tiny window: the server's writes back up after a few messages
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws/monitor?services=" + service + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double percentile(long[] sortedMicros, double q) {
        return sortedMicros[(int) Math.min(sortedMicros.length - 1, Math.ceil(q * sortedMicros.length) - 1)] / 1000.0;
    }

    /** Reads seq and timestamp of each status change without a full parse, and the delivery delay. */
    private static final class FastClient implements WebSocket.Listener {
        final long[] latencyMicros;
        final StringBuilder partial = new StringBuilder();
        volatile int received;
        long firstSeq = -1;
        long lastSeq = -1;
        int outOfOrder;
        WebSocket socket;

        FastClient(int expected) {
            latencyMicros = new long[expected];
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Instant now = Instant.now();
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"status_change\"")) {
                    long seq = Long.parseLong(field(text, "\"seq\":", ','));
                    Instant sent = Instant.parse(field(text, "\"timestamp\":\"", '"'));
                    // the sequence is the server's whole stream: messages about other services leave gaps
                    if (firstSeq < 0) {
                        firstSeq = seq;
                    } else if (seq <= lastSeq) {
                        outOfOrder++;
                    }
                    lastSeq = seq;
                    if (received < latencyMicros.length) {
                        latencyMicros[received] = Duration.between(sent, now).toNanos() / 1000;
                    }
                    received++;
                }
            }
            webSocket.request(1);
            return null;
        }

        private static String field(String text, String name, char end) {
            int start = text.indexOf(name) + name.length();
            return text.substring(start, text.indexOf(end, start));
        }

        void abort() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
