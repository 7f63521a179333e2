package io.lifestrands.monitor.bench;

import com.sun.net.httpserver.HttpServer;
import io.lifestrands.monitor.api.ApiApplication;
import io.lifestrands.monitor.fleetsim.Fault;
import io.lifestrands.monitor.fleetsim.FleetSim;
import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.DefaultRules;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.Comparison;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.testkit.EmbeddedPostgresServer;
import io.lifestrands.monitor.testkit.TestServers;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * P9 (alert delay), our side, with the fault {@link AlertDelay} gives Prometheus: the collector probes the fleet-sim
 * gateway over HTTP, a rule {@code up == 0} with {@code for: 30s} on the gateway is set through the api's
 * {@code PUT /alerts/config} with the operator token, the gateway's listener closes, and the delay runs until the
 * api's webhook channel posts the firing notification to a local receiver. {@code intervals=default} uses the
 * collector's interval for fleet services (5 s) and the api's {@code group-wait} (30 s); {@code tuned} 1 s and 0 s.
 */
final class OurAlertDelay {

    private static final String OPERATOR_TOKEN = "bench-operator-token-" + UUID.randomUUID();

    private OurAlertDelay() {
    }

    static Results run(String intervals, int runs) throws Exception {
        boolean tuned = AlertDelay.tuned(intervals);
        Duration probe = tuned ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
        Duration groupWait = tuned ? Duration.ZERO : Duration.ofSeconds(30);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("probe_interval_s", probe.toSeconds());
        settings.put("group_wait_s", groupWait.toSeconds());
        settings.put("for_s", AlertDelay.FOR.toSeconds());
        return AlertDelay.report("p9-ours-alert-delay-" + intervals, runs, settings, () -> once(probe, groupWait));
    }

    /** One fault on a fresh system; seconds from the fault to the first firing notification. */
    private static double once(Duration probe, Duration groupWait) throws Exception {
        CompletableFuture<Long> notified = new CompletableFuture<>();
        // the rule's own notification: the info alert of the PUT's rule changes names gateway_down too
        HttpServer webhook = AlertDelay.receiver(notified, "\"alertname\":\"gateway_down\"");
        String receiver = "127.0.0.1:" + webhook.getAddress().getPort();
        try (Broker broker = Broker.connect(); FleetSim fleet = FleetSim.start(0)) {
            broker.freshTopics();
            EmbeddedPostgresServer postgres = TestServers.postgres();
            String database = postgres.createDatabase("bench_" + UUID.randomUUID().toString().replace("-", ""));
            Map<String, Object> apiProps = new HashMap<>();
            apiProps.put("server.port", 0);
            apiProps.put("monitor.api.bootstrap-servers", broker.bootstrap());
            apiProps.put("monitor.api.database-url", postgres.databaseUrl(database));
            apiProps.put("monitor.api.redis-url", TestServers.redis().url());
            apiProps.put("monitor.api.auth.operator-token", OPERATOR_TOKEN);
            apiProps.put("monitor.api.notify.webhook-url", "http://" + receiver + "/");
            apiProps.put("monitor.api.notify.allowed-hosts", receiver);
            apiProps.put("monitor.api.notify.group-wait", groupWait.toMillis() + "ms");
            ConfigurableApplicationContext api = ApiApplication.start(apiProps);
            ConfigurableApplicationContext collector = Apps.collector(broker.bootstrap(), Map.of(
                    "monitor.collector.targets[0].id", "gateway",
                    "monitor.collector.targets[0].kind", "http",
                    "monitor.collector.targets[0].url", "http://127.0.0.1:" + fleet.port("gateway"),
                    "monitor.collector.targets[0].interval", probe.toSeconds() + "s"));
            ProcessorSettings settings = ProcessorSettings.defaults(broker.bootstrap())
                    .withApplication("bench-alert-" + UUID.randomUUID(), Files.createTempDirectory("bench-alert"));
            try (MonitorProcessor processor = MonitorProcessor.start(settings)) {
                String base = "http://localhost:" + Apps.port(api);
                putRule(base);
                awaitGatewayUp(base, Duration.ofSeconds(90));
                long fault = System.nanoTime();
                fleet.setFault("gateway", Fault.DOWN);
                long at = notified.get(AlertDelay.FOR.plus(probe.multipliedBy(3)).plus(groupWait).plusSeconds(60)
                        .toSeconds(), TimeUnit.SECONDS);
                return Math.round((at - fault) / 1e7) / 100.0;
            } finally {
                collector.close();
                api.close();
            }
        } finally {
            webhook.stop(0);
        }
    }

    /** The Prometheus side's rule, {@code up == 0 for 30s} on the gateway, as the whole rule set. */
    private static void putRule(String base) throws Exception {
        AlertRule rule = new AlertRule(AlertRule.VERSION, "gateway_down", Severity.CRITICAL, "gateway",
                DefaultRules.UP, Statistic.LAST, Duration.ofMinutes(1), Comparison.EQ, 0, AlertDelay.FOR,
                Duration.ZERO, "{service} is down", Map.of());
        String body = Json.write(Map.of("rules", List.of(rule)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/alerts/config"))
                .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT /alerts/config answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void awaitGatewayUp(String base, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && "up".equals(Json.MAPPER.readTree(response.body()).path("services")
                    .path("gateway").path("status").asString(null))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the api did not show the gateway up within " + timeout);
    }
}
