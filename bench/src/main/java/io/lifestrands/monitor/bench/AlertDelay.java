package io.lifestrands.monitor.bench;

import com.sun.net.httpserver.HttpServer;
import io.lifestrands.monitor.fleetsim.Fault;
import io.lifestrands.monitor.fleetsim.FleetSim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * P9 (alert delay), Prometheus side: the simulated gateway goes down and Prometheus's {@code up == 0} rule with
 * {@code for: 30s} fires through Alertmanager to a webhook; the delay runs from the fault to the webhook call.
 * {@code intervals=default} uses Prometheus's and Alertmanager's defaults (scrape and evaluation 1 m, group_wait
 * 30 s), {@code tuned} 1 s and 0 s. Our side, with the same fault: {@link OurAlertDelay}.
 */
final class AlertDelay {

    static final Duration FOR = Duration.ofSeconds(30);
    private static final String RULES = """
            groups:
              - name: bench
                rules:
                  - alert: ServiceDown
                    expr: up{job="gateway"} == 0
                    for: 30s
            """;

    private AlertDelay() {
    }

    static Results run(String intervals, int runs) throws Exception {
        boolean tuned = tuned(intervals);
        Duration scrape = tuned ? Duration.ofSeconds(1) : Duration.ofMinutes(1);
        Duration groupWait = tuned ? Duration.ZERO : Duration.ofSeconds(30);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("scrape_and_evaluation_interval_s", scrape.toSeconds());
        settings.put("group_wait_s", groupWait.toSeconds());
        settings.put("for_s", FOR.toSeconds());
        return report("p9-prometheus-alert-delay-" + intervals, runs, settings, () -> once(scrape, groupWait));
    }

    /** {@code intervals=tuned} (true) or {@code default} (false). */
    static boolean tuned(String intervals) {
        return switch (intervals) {
            case "tuned" -> true;
            case "default" -> false;
            default -> throw new IllegalArgumentException("intervals must be tuned or default, was '" + intervals
                    + "'");
        };
    }

    /** One fault on a fresh system: seconds from the fault to the first firing notification. */
    interface FaultRun {
        double once() throws Exception;
    }

    /** Runs {@code runs} faults one after another and reports their delays. */
    static Results report(String name, int runs, Map<String, Object> settings, FaultRun fault) throws Exception {
        List<Double> delays = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            delays.add(fault.once());
        }
        double worst = delays.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return Results.of(name)
                .put("runs", runs)
                .put("fault_to_notification_s", delays)
                .put("worst_fault_to_notification_s", worst)
                .put("worst_after_for_s", worst - FOR.toSeconds())
                .put("settings", settings);
    }

    /**
     * A webhook receiver on a free loopback port that completes {@code notified} with {@link System#nanoTime()} on
     * the first body that holds {@code "firing"} and {@code marker}.
     */
    static HttpServer receiver(CompletableFuture<Long> notified, String marker) throws IOException {
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        webhook.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (body.contains("\"firing\"") && body.contains(marker)) {
                    notified.complete(System.nanoTime());
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.start();
        return webhook;
    }

    /** One fault on a fresh stack; seconds from the fault to the first firing notification. */
    private static double once(Duration scrape, Duration groupWait) throws Exception {
        CompletableFuture<Long> notified = new CompletableFuture<>();
        HttpServer webhook = receiver(notified, "\"status\":\"firing\"");
        String webhookUrl = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/";
        try (FleetSim fleet = FleetSim.start(0);
             PrometheusStack stack = PrometheusStack.start("127.0.0.1:" + fleet.port("gateway"), scrape, RULES,
                     webhookUrl, groupWait)) {
            awaitUp(stack, scrape.multipliedBy(3).plusSeconds(30));
            long fault = System.nanoTime();
            fleet.setFault("gateway", Fault.DOWN);
            long at = notified.get(FOR.plus(scrape.multipliedBy(3)).plus(groupWait).plusSeconds(60).toSeconds(),
                    TimeUnit.SECONDS);
            return Math.round((at - fault) / 1e7) / 100.0;
        } finally {
            webhook.stop(0);
        }
    }

    private static void awaitUp(PrometheusStack stack, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stack.query("up{job=\"gateway\"}").orElse(0) < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus did not scrape the gateway within " + timeout);
            }
            Thread.sleep(250);
        }
    }
}
