package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.api.ApiApplication;
import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.EmbeddedPostgresServer;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * P5 and P6: samples of new services go through the processor and the api to WebSocket clients of
 * {@code /ws/monitor}; latency runs from producing the sample to the first frame of the chosen {@code type} that
 * names the service (or, for {@code metrics_update}, carries its live latency figure). P5 is one client; P6 is
 * {@code clients} clients of which {@code slow} never read, and also reports the fan-out spread: how much later than
 * the first client each fast client saw the same message. P4 ({@link AlertLatency}) is another {@link Scenario}.
 */
final class LiveLatency {

    /** What the clients wait for and what goes onto the samples topic to cause it. */
    interface Scenario {

        /** The message type that can count as arrival. */
        String type();

        /** Whether this frame (of {@link #type()}) is the awaited one for the service. */
        boolean arrived(JsonNode frame, String service);

        /**
         * Produces the samples; puts into {@code due} per service the {@link System#nanoTime()} from which latency
         * counts. Returns something to close once the clients are done (a sender that keeps going), or null.
         */
        AutoCloseable produce(String bootstrap, List<String> ids, Duration spacing, Map<String, Long> due)
                throws Exception;
    }

    /**
     * The scenario of {@code bench/run.sh p5 type=...}: {@code metrics_update} waits for the live view's latency
     * figure ({@link #liveLatency()}), any other type for the first frame naming the service.
     */
    static Scenario scenario(String type) {
        return "metrics_update".equals(type) ? liveLatency() : firstFrame(type);
    }

    /** One up sample per new service; arrival is the first frame of {@code type} that names the service. */
    static Scenario firstFrame(String type) {
        return new Scenario() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public boolean arrived(JsonNode frame, String service) {
                return frame.toString().contains("\"" + service + "\"");
            }

            @Override
            public AutoCloseable produce(String bootstrap, List<String> ids, Duration spacing, Map<String, Long> due)
                    throws Exception {
                LiveLatency.produce(bootstrap, ids, spacing, due);
                return null;
            }
        };
    }

    /**
     * P5 live views: one up sample per new service with {@link #LIVE_LATENCY_MS}; arrival is the first
     * {@code metrics_update} whose entry for the service carries that latency as its probe block's p50
     * ({@code probe.latency_ms.p50}: the samples are probes), i.e. the live view's figure, not only the service's name.
     */
    static Scenario liveLatency() {
        return new Scenario() {
            @Override
            public String type() {
                return "metrics_update";
            }

            @Override
            public boolean arrived(JsonNode frame, String service) {
                JsonNode p50 = frame.path("data").path("services").path(service).path("probe").path("latency_ms").path("p50");
                return p50.isNumber() && Math.abs(p50.asDouble() - LIVE_LATENCY_MS) <= LIVE_LATENCY_MS * 0.01;
            }

            @Override
            public AutoCloseable produce(String bootstrap, List<String> ids, Duration spacing, Map<String, Long> due)
                    throws Exception {
                LiveLatency.produce(bootstrap, ids, spacing, due);
                return null;
            }
        };
    }

    /**
     * System property, true by default: samples are produced only once the processor is {@code RUNNING} (its first
     * rebalance and restoration done), so the figures are the steady-state sample path; false starts them as soon as
     * the processor's threads are started, so the first samples also wait for its start-up.
     */
    static final String AWAIT_RUNNING = "bench.live.await-running";

    private static void awaitRunning(MonitorProcessor processor, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processor.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processor not RUNNING within " + timeout + ": " + processor.state());
            }
            Thread.sleep(20);
        }
    }

    /** The latency of the samples {@link #produce} sends, in ms. */
    static final double LIVE_LATENCY_MS = 12.0;

    private LiveLatency() {
    }

    /**
     * @param scenario what is produced and which frame counts as arrival ({@link #scenario(String)})
     * @param services new services, {@code spacing} apart
     * @param clients  fast WebSocket clients
     * @param slow     clients that never read after connecting
     */
    static Results run(String name, Scenario scenario, int services, Duration spacing, int clients, int slow,
                       Duration timeout) throws Exception {
        String type = scenario.type();
        try (Broker broker = Broker.connect()) {
            broker.freshTopics();
            EmbeddedPostgresServer postgres = TestServers.postgres();
            String database = postgres.createDatabase("bench_" + UUID.randomUUID().toString().replace("-", ""));
            ProcessorSettings settings = ProcessorSettings.defaults(broker.bootstrap())
                    .withApplication("bench-live-" + UUID.randomUUID(), Files.createTempDirectory("bench-live"));
            ConfigurableApplicationContext api = ApiApplication.start(Map.of(
                    "server.port", 0,
                    "monitor.api.bootstrap-servers", broker.bootstrap(),
                    "monitor.api.database-url", postgres.databaseUrl(database),
                    "monitor.api.redis-url", TestServers.redis().url()));
            try (MonitorProcessor processor = MonitorProcessor.start(settings)) {
                if (Boolean.parseBoolean(System.getProperty(AWAIT_RUNNING, "true"))) {
                    awaitRunning(processor, timeout);
                }
                URI socket = URI.create("ws://localhost:" + Apps.port(api) + "/ws/monitor");
                long heapBefore = ProcessorMemory.heapAfterGc();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < services; i++) {
                    ids.add("live-" + i + "-" + UUID.randomUUID().toString().substring(0, 8));
                }
                Map<String, Long> producedAt = new ConcurrentHashMap<>();
                List<Client> fast = connect(socket, clients, true, scenario, ids, producedAt);
                List<Client> idle = connect(socket, slow, false, scenario, ids, producedAt);
                AutoCloseable sender = scenario.produce(broker.bootstrap(), ids, spacing, producedAt);
                long deadline = System.nanoTime() + timeout.toNanos();
                for (Client client : fast) {
                    client.done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                if (sender != null) {
                    sender.close();
                }
                long heapAfter = ProcessorMemory.heapAfterGc();
                double[] latencies = fast.stream().flatMap(c -> c.latencyMs.values().stream())
                        .mapToDouble(Double::doubleValue).sorted().toArray();
                double[] spread = spread(fast, ids);
                long complete = fast.stream().filter(c -> c.done.getCount() == 0).count();
                long idleOpen = idle.stream().filter(c -> !c.socket.isOutputClosed() && !c.socket.isInputClosed())
                        .count();
                fast.forEach(Client::close);
                idle.forEach(Client::close);
                if (latencies.length == 0) {
                    throw new IllegalStateException("no " + type + " frame named a new service within " + timeout);
                }
                return Results.of(name)
                        .put("type", type)
                        .put("services", services)
                        .put("fast_clients", clients)
                        .put("slow_clients", slow)
                        .put("fast_clients_complete", complete)
                        .put("deliveries", latencies.length)
                        .put("p50_ms", percentile(latencies, 0.50))
                        .put("p99_ms", percentile(latencies, 0.99))
                        .put("max_ms", latencies[latencies.length - 1])
                        // the first client's latency per sample in the order produced, to see where a tail sits
                        .put("first_client_in_order_ms", fast.isEmpty() ? List.of() : ids.stream()
                                .map(id -> fast.get(0).latencyMs.get(id))
                                .map(v -> v == null ? null : (double) Math.round(v)).toList())
                        .put("fan_out_spread_p50_ms", percentile(spread, 0.50))
                        .put("fan_out_spread_p99_ms", percentile(spread, 0.99))
                        .put("slow_clients_still_open", idleOpen)
                        .put("heap_used_before_clients_mb", heapBefore / 1e6)
                        .put("heap_used_after_mb", heapAfter / 1e6);
            } finally {
                api.close();
            }
        }
    }

    /** Per delivery: how much later than the first client to see the same service this client saw it. */
    private static double[] spread(List<Client> clients, List<String> ids) {
        List<Double> spread = new ArrayList<>();
        for (String id : ids) {
            double first = clients.stream().map(c -> c.latencyMs.get(id)).filter(v -> v != null)
                    .mapToDouble(Double::doubleValue).min().orElse(0);
            clients.stream().map(c -> c.latencyMs.get(id)).filter(v -> v != null)
                    .forEach(v -> spread.add(v - first));
        }
        return spread.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    private static void produce(String bootstrap, List<String> ids, Duration spacing, Map<String, Long> producedAt)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String id : ids) {
                Sample sample = Sample.probe("bench-host", id, Instant.now(), true, LIVE_LATENCY_MS, 200, null);
                producedAt.put(id, System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.SAMPLES.name(), null, sample.ts().toEpochMilli(), id,
                        Json.encode(sample))).get();
                Thread.sleep(spacing.toMillis());
            }
        }
    }

    private static List<Client> connect(URI socket, int count, boolean reads, Scenario scenario, List<String> ids,
                                        Map<String, Long> producedAt) throws Exception {
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < Math.max(1, count / 100); i++) {
            https.add(HttpClient.newHttpClient());
        }
        List<CompletableFuture<Client>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Client client = new Client(reads, scenario, ids, producedAt);
            opening.add(https.get(i % https.size()).newWebSocketBuilder().buildAsync(socket, client)
                    .thenApply(ws -> client));
            if (opening.size() % 100 == 0) {
                CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
        }
        List<Client> clients = new ArrayList<>();
        for (CompletableFuture<Client> open : opening) {
            clients.add(open.get(60, TimeUnit.SECONDS));
        }
        return clients;
    }

    /** A WebSocket client recording when each awaited service first appears in a frame of the awaited type. */
    private static final class Client implements WebSocket.Listener {

        private final boolean reads;
        private final Scenario scenario;
        private final String typeMarker;
        private final List<String> ids;
        private final Map<String, Long> producedAt;
        private final Map<String, Double> latencyMs = new ConcurrentHashMap<>();
        private final CountDownLatch done;
        private final StringBuilder frame = new StringBuilder();
        private volatile WebSocket socket;

        Client(boolean reads, Scenario scenario, List<String> ids, Map<String, Long> producedAt) {
            this.reads = reads;
            this.scenario = scenario;
            this.typeMarker = "\"type\":\"" + scenario.type() + "\"";
            this.ids = ids;
            this.producedAt = producedAt;
            this.done = new CountDownLatch(ids.size());
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            if (reads) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                long now = System.nanoTime();
                String text = frame.toString();
                frame.setLength(0);
                if (text.contains(typeMarker)) {
                    JsonNode parsed = Json.MAPPER.readTree(text);
                    for (String id : ids) {
                        Long at = producedAt.get(id);
                        if (at != null && !latencyMs.containsKey(id) && text.contains("\"" + id + "\"")
                                && scenario.arrived(parsed, id)) {
                            latencyMs.put(id, (now - at) / 1e6);
                            done.countDown();
                        }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}
