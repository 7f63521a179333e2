package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.testkit.Ports;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus 2.x and, when a rule file is given, Alertmanager from the machine's Debian packages, on loopback ports
 * with throw-away storage, stopped on {@link #close()}.
 */
final class PrometheusStack implements AutoCloseable {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private int prometheusPort;

    private PrometheusStack(Path dir) {
        this.dir = dir;
    }

    static boolean installed() {
        return Files.isExecutable(PROMETHEUS);
    }

    /**
     * @param target         {@code host:port} scraped at {@code /metrics} as job {@code gateway}
     * @param scrape         scrape and rule evaluation interval
     * @param rules          rule file text, or null for none
     * @param webhookUrl     Alertmanager's receiver, or null for no Alertmanager
     * @param groupWait      Alertmanager's {@code group_wait}
     */
    static PrometheusStack start(String target, Duration scrape, String rules, String webhookUrl,
                                 Duration groupWait) throws IOException, InterruptedException {
        if (!installed()) {
            throw new IllegalStateException("prometheus is not installed: apt-get install -y prometheus "
                    + "prometheus-alertmanager");
        }
        PrometheusStack stack = new PrometheusStack(Files.createTempDirectory("bench-prometheus"));
        try {
            String alerting = "";
            if (webhookUrl != null) {
                int alertmanagerPort = Ports.free();
                stack.startAlertmanager(alertmanagerPort, webhookUrl, groupWait);
                alerting = "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:"
                        + alertmanagerPort + "']\n";
            }
            String ruleFiles = "";
            if (rules != null) {
                Files.writeString(stack.dir.resolve("rules.yml"), rules);
                ruleFiles = "rule_files: ['" + stack.dir.resolve("rules.yml") + "']\n";
            }
            String config = "global:\n  scrape_interval: " + scrape.toSeconds() + "s\n  evaluation_interval: "
                    + scrape.toSeconds() + "s\n" + ruleFiles + alerting
                    + "scrape_configs:\n  - job_name: gateway\n    static_configs:\n      - targets: ['" + target
                    + "']\n";
            Files.writeString(stack.dir.resolve("prometheus.yml"), config);
            stack.prometheusPort = Ports.free();
            stack.launch("prometheus.log", PROMETHEUS.toString(),
                    "--config.file=" + stack.dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + stack.dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + stack.prometheusPort);
            stack.awaitReady("http://127.0.0.1:" + stack.prometheusPort + "/-/ready");
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAlertmanager(int port, String webhookUrl, Duration groupWait)
            throws IOException, InterruptedException {
        String config = "route:\n  receiver: bench\n  group_wait: " + groupWait.toMillis() + "ms\n"
                + "  group_interval: 1s\n  repeat_interval: 1h\nreceivers:\n  - name: bench\n    webhook_configs:\n"
                + "      - url: '" + webhookUrl + "'\n";
        Files.writeString(dir.resolve("alertmanager.yml"), config);
        launch("alertmanager.log", ALERTMANAGER.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=");
        awaitReady("http://127.0.0.1:" + port + "/-/ready");
    }

    private void launch(String log, String... command) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile()).start());
    }

    private void awaitReady(String url) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(url + " not ready within 60 s; logs in " + dir);
    }

    /** The first value of an instant PromQL query, empty when the result is empty or NaN. */
    OptionalDouble query(String promql) throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode result = Json.MAPPER.readTree(body).path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(result.get(0).path("value").get(1).asString());
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind costs nothing but disk
        }
    }
}
