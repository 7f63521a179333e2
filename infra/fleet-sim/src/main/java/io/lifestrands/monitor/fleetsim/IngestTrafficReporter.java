package io.lifestrands.monitor.fleetsim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated service's traffic as {@code request} samples, buffered and pushed in JSON batches to the collector's
 * {@code /ingest} every {@link FleetReporting#ingestInterval()}: the way a service without OpenTelemetry reports.
 */
final class IngestTrafficReporter implements TrafficRecorder {

    /** A collector away for longer than this many samples' worth loses the oldest: memory stays bounded. */
    static final int MAX_BUFFERED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(IngestTrafficReporter.class);

    private final String serviceId;
    private final FleetReporting reporting;
    private final Clock clock;
    private final HttpClient http;
    private final URI endpoint;
    private final List<Map<String, Object>> buffer = new ArrayList<>();
    private final ScheduledFuture<?> task;
    private boolean failing;

    IngestTrafficReporter(String serviceId, FleetReporting reporting, Clock clock, ScheduledExecutorService timers) {
        this.serviceId = serviceId;
        this.reporting = reporting;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.endpoint = URI.create(reporting.collectorUrl() + "/ingest");
        long millis = reporting.ingestInterval().toMillis();
        task = timers.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void served(String route, String method, long latencyMs, int status) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("v", 1);
        sample.put("kind", "request");
        sample.put("host", reporting.hostName());
        sample.put("service", serviceId);
        sample.put("ts", clock.instant().toString());
        sample.put("up", status < 500);
        sample.put("latency_ms", latencyMs);
        sample.put("status_code", status);
        sample.put("labels", Map.of("http.route", route, "http.request.method", method));
        synchronized (buffer) {
            if (buffer.size() >= MAX_BUFFERED) {
                buffer.remove(0);
            }
            buffer.add(sample);
        }
    }

    /** Pushes what is buffered; a failed push is logged (once per outage) and its samples dropped. */
    void flush() {
        List<Map<String, Object>> batch;
        synchronized (buffer) {
            if (buffer.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(buffer);
            buffer.clear();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonText.write(batch), StandardCharsets.UTF_8));
        if (reporting.token() != null) {
            request.header("Authorization", "Bearer " + reporting.token());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            report(response.statusCode() / 100 == 2, "HTTP " + response.statusCode() + " " + response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            report(false, e.toString());
        }
    }

    private void report(boolean ok, String reason) {
        if (!ok && !failing) {
            log.warn("{} cannot push its request samples to {}: {}", serviceId, endpoint, reason);
        } else if (ok && failing) {
            log.info("{} pushes its request samples to {} again", serviceId, endpoint);
        }
        failing = !ok;
    }

    @Override
    public void close() {
        task.cancel(false);
        flush();
    }
}
