package io.lifestrands.monitor.standalone;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AnomalyDirection;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium against the whole system: live numbers for every demo service, then a
 * simulated failure that raises an alert which is acknowledged from the page. Screenshots go to {@code target/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Pattern IMPORT = Pattern.compile("from '\\./([\\w-]+\\.js)'");
    private static final StandaloneOptions OPTIONS = StandaloneOptions.ephemeral();
    private static final String PUSHED_ONCE = "pushed_once";
    private static Standalone system;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        LocalChromium chromium = LocalChromium.findOrSkip();
        system = Standalone.start(OPTIONS);
        // a pushed service that reports once, at the start: by the last test its live view has no data left
        ingestRequests(PUSHED_ONCE, 5);
        profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.browser().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromium.driver().toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void showsLiveLatencyForEveryDemoService() throws Exception {
        browser.get(base());

        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            for (String service : Standalone.FLEET) {
                assertThat(latencyOf(service)).as(service).matches("\\d+ / \\d+ / \\d+ ms");
            }
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElement(By.id("connection")).getText()).startsWith("live"));
        screenshot("dashboard.png");

        // a fresh system has no closed minute yet: the charts draw once live updates have given them points
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(browser.findElement(By.id("model-tps")).getText()).matches("\\d+\\.\\d");
                    assertThat(browser.findElements(By.cssSelector("#latency-charts polyline"))).isNotEmpty();
                    assertThat(browser.findElement(By.id("vram-gauge")).getText()).endsWith("%");
                    assertThat(browser.findElements(By.cssSelector("#topology g"))).hasSizeGreaterThanOrEqualTo(5);
                });
    }

    @Test
    @Order(2)
    void alertTextAndLabelsFromTheFeedRenderAsTextNeverAsMarkup() throws Exception {
        String hostile = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script> p95 too high";
        AlertEvent alert = new AlertEvent(null, "xss-episode", "xss-fingerprint", "latency_p95", Severity.WARNING,
                "npc_service", AlertState.FIRING, 2500, 2000, hostile, Instant.now().minusSeconds(90), null,
                Map.of("team", "<script>window.__xss=3</script>"));
        try (KafkaProducer<String, AlertEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.fingerprint(), alert)).get();
        }

        browser.get(base());

        By row = By.cssSelector("#alerts tr.alert[data-alert='xss-episode']");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElements(row)).hasSize(1));

        WebElement message = browser.findElement(row).findElement(By.cssSelector(".message"));
        assertThat(message.getText()).isEqualTo(hostile);
        assertThat(message.findElements(By.cssSelector("img, script"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.findElement(row).getText()).contains("WARNING").contains("1m");
        screenshot("dashboard-escaped-alert.png");
    }

    /**
     * The seed's way to exercise the whole path: {@code POST /debug/simulate-failure} injects synthetic down probes of
     * the chat service while the collector keeps probing the healthy service. The synthetic probes decide its status
     * (down) for their duration, the alert engine fires {@code service_down} after its 30 s, the page shows it and
     * acknowledges it.
     */
    @Test
    @Order(3)
    void aServiceFailureRaisesAnAlertThatIsAcknowledgedFromThePage() throws Exception {
        String token = OPTIONS.apiToken();
        simulateFailure("chat_service", 300);
        browser.get(base());
        if (!token.isEmpty()) {
            ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('monitor.token', arguments[0])",
                    token);
        }

        // only a firing alert counts: service_down is pending for its first 30 s
        By alertRow = By.cssSelector("#alerts tr.alert[data-state='firing']");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElements(alertRow)).anySatisfy(row ->
                        assertThat(row.getText()).contains("chat_service").contains("service_down")));
        WebElement row = browser.findElements(alertRow).stream()
                .filter(r -> r.getText().contains("chat_service") && r.getText().contains("service_down"))
                .findFirst().orElseThrow();
        row.findElement(By.cssSelector("button.ack")).click();
        answerTokenPrompt(token);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElements(alertRow)).anySatisfy(r -> {
                    assertThat(r.getText()).contains("chat_service").contains("service_down");
                    assertThat(r.findElement(By.cssSelector("button.ack")).getText()).isEqualTo("Acknowledged");
                    // the page names itself as who acknowledged, as the api reads it from the request's "by"
                    assertThat(r.getText()).contains("acknowledged by dashboard");
                }));
        screenshot("dashboard-alert.png");
    }

    @Test
    @Order(4)
    void everyDashboardModuleIsPublicAndServedAsJavaScript() throws Exception {
        Matcher entry = Pattern.compile("<script type=\"module\" src=\"(js/[\\w-]+\\.js)\"").matcher(get("").body());
        assertThat(entry.find()).as("index.html loads a module script").isTrue();
        Deque<String> pending = new ArrayDeque<>(List.of(entry.group(1)));
        Set<String> served = new TreeSet<>();

        while (!pending.isEmpty()) {
            String path = pending.pop();
            if (served.add(path)) {
                HttpResponse<String> module = get(path);
                assertThat(module.statusCode()).as(path + " without a token").isEqualTo(200);
                assertThat(module.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type ->
                        assertThat(type).matches("(text|application)/javascript.*"));
                Matcher imports = IMPORT.matcher(module.body());
                while (imports.find()) {
                    pending.push("js/" + imports.group(1));
                }
            }
        }

        assertThat(served).contains("js/main.js", "js/core.js", "js/feed.js", "js/charts.js", "js/topology.js",
                "js/alert-history.js");
    }

    /** The page has no graph of its own: it draws exactly the services and edges that GET /topology serves. */
    @Test
    @Order(5)
    void topologyPanelDrawsTheGraphServedByTopology() throws Exception {
        browser.get(base());

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .untilAsserted(() -> {
                    JsonNode served = Json.MAPPER.readTree(get("topology").body());
                    List<String> services = served.get("services").valueStream().map(n -> n.get("id").asString())
                            .toList();
                    assertThat(services).contains("gateway", "chat_service", "model_service", "postgres");
                    assertThat(browser.findElements(By.cssSelector("#topology g[data-service]")))
                            .extracting(node -> node.getAttribute("data-service"))
                            .containsExactlyInAnyOrderElementsOf(services);
                    assertThat(browser.findElements(By.cssSelector("#topology line")))
                            .hasSize(served.get("edges").size());
                });
        assertThat(browser.findElement(By.id("topology")).getText()).doesNotContain("topology unavailable");
        screenshotAround(By.id("topology"), "dashboard-topology.png");
    }

    /** Alert history and business need a token: a visitor without one is told so and can give it from the panel. */
    @Test
    @Order(6)
    void aPanelWhoseEndpointNeedsTheTokenSaysSoAndLoadsOnceItIsGiven() throws Exception {
        browser.get(base());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.removeItem('monitor.token')");
        browser.navigate().refresh();

        By note = By.id("alert-history-note");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(note).getText()).contains("needs the operator token");
            assertThat(browser.findElement(By.id("business-note")).getText()).contains("needs the operator token");
        });
        screenshotAround(note, "dashboard-needs-token.png");

        browser.findElement(note).findElement(By.cssSelector("button.give-token")).click();
        answerTokenPrompt(OPTIONS.apiToken());

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.findElement(note).getText()).isEmpty();
            assertThat(browser.findElements(By.cssSelector("#alert-history tbody tr")))
                    .anySatisfy(row -> assertThat(row.getText()).contains("chat_service"));
            assertThat(browser.findElement(By.id("business-note")).getText()).isEmpty();
            assertThat(browser.findElements(By.cssSelector("#business dt"))).isNotEmpty();
        });
        screenshotAround(note, "dashboard-token-given.png");
    }

    /**
     * A pending episode that closes before it fires ({@code ends_at} set) leaves the page: a 10 s failure of the NPC
     * service is shorter than {@code service_down}'s 30 s, so its alert shows as pending and then goes.
     */
    @Test
    @Order(7)
    void aPendingAlertThatClosesBeforeItFiresLeavesThePage() throws Exception {
        browser.get(base());
        simulateFailure("npc_service", 10);
        By alertRow = By.cssSelector("#alerts tr.alert");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElements(alertRow)).anySatisfy(row -> {
                    assertThat(row.getText()).contains("npc_service").contains("service_down");
                    assertThat(row.getAttribute("data-state")).isEqualTo("pending");
                }));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElements(alertRow)).noneSatisfy(row ->
                        assertThat(row.getText()).contains("npc_service").contains("service_down")));
    }

    /**
     * Issue 17: no data is unavailable, never 0. The service pushed its requests only at the start; once they have
     * slid out of its live view, its card shows "–" for the figures (not 0 / 0 / 0 ms) and how long its data has been
     * missing.
     */
    @Test
    @Order(8)
    void aServiceWhoseDataStoppedShowsDashesAndHowLongNeverZeros() throws Exception {
        browser.get(base());
        By card = By.cssSelector("#services .service[data-service='" + PUSHED_ONCE + "']");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .untilAsserted(() -> {
                    WebElement found = browser.findElement(card);
                    assertThat(found.findElement(By.cssSelector(".latency")).getText()).isEqualTo("–");
                    assertThat(found.findElement(By.cssSelector(".no-data")).getText()).isNotBlank();
                });
        assertThat(browser.findElement(card).getText()).doesNotContain("0 / 0 / 0");
        screenshotAround(card, "dashboard-no-data.png");
    }

    /**
     * Issue 16: each card labels its traffic figures (requests the service served) and its probe figures (the
     * collectors' checks) apart. Whichever data a service has, a probe count never shows as requests/min: without
     * traffic the request figures are "–" while the probe block shows its checks/min.
     */
    @Test
    @Order(9)
    void eachCardLabelsTrafficAndProbeFiguresAndShowsNoProbeCountAsRequests() throws Exception {
        browser.get(base());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .untilAsserted(() -> {
                    JsonNode services = Json.MAPPER.readTree(get("metrics").body()).get("services");
                    for (String service : Standalone.FLEET) {
                        JsonNode shown = services.get(service);
                        WebElement card = browser.findElement(By.cssSelector(
                                "#services .service[data-service='" + service + "']"));
                        WebElement traffic = card.findElement(By.cssSelector("dl[data-source='traffic']"));
                        WebElement probe = card.findElement(By.cssSelector("dl[data-source='probe']"));
                        assertThat(text(traffic.findElement(By.cssSelector(".source")))).isEqualTo("traffic");
                        assertThat(text(probe.findElement(By.cssSelector(".source")))).isEqualTo("probe");
                        assertThat(traffic.getText()).contains("requests/min");
                        assertThat(probe.getText()).contains("checks/min").doesNotContain("requests");
                        if (shown.get("traffic").isNull()) {
                            assertThat(text(traffic.findElement(By.cssSelector(".requests-per-minute"))))
                                    .as(service).isEqualTo("–");
                            assertThat(shown.get("requests_per_minute").isNull()).as(service).isTrue();
                        }
                        if (!shown.get("probe").isNull()) {
                            assertThat(shown.get("probe").get("source").asString()).isEqualTo("probe");
                            assertThat(text(probe.findElement(By.cssSelector(".checks-per-minute"))))
                                    .as(service).matches("[\\d.,]+");
                        }
                    }
                    assertThat(browser.findElements(By.cssSelector("#latency-charts [data-source] .source")))
                            .isNotEmpty().allSatisfy(label -> assertThat(text(label)).isIn("traffic", "probe"));
                });
        screenshotAround(By.id("services"), "dashboard-sources.png");
    }

    /** An episode GET /anomalies returns is shaded on its service's latency chart, its title naming the series. */
    @Test
    @Order(10)
    void anAnomalyEpisodeFromAnomaliesIsMarkedOnTheChart() throws Exception {
        Instant now = Instant.now();
        AnomalyEpisode episode = new AnomalyEpisode(null, "gateway", "latency_ms", Statistic.P95, "1m",
                AnomalyState.CLOSED, now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(10)), 900, 300,
                6.5, AnomalyDirection.UP);
        try (KafkaProducer<String, AnomalyEpisode> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()),
                Topics.ANOMALIES.keySerde().serializer(), Topics.ANOMALIES.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.ANOMALIES.name(), episode.key(), episode)).get();
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(Json.MAPPER.readTree(getWithToken("anomalies?service=gateway&state=closed").body())
                        .get("total").asLong()).isPositive());

        browser.get(base());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('monitor.token', arguments[0])",
                OPTIONS.apiToken());
        browser.navigate().refresh();

        By mark = By.cssSelector("#latency-charts [data-service='gateway'] rect.anomaly");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(browser.findElements(mark)).anySatisfy(rect ->
                        assertThat(rect.findElement(By.tagName("title")).getAttribute("textContent"))
                                .contains("latency_ms p95 (closed)").contains("observed 900")));
        screenshotAround(By.cssSelector("#latency-charts [data-service='gateway']"), "dashboard-anomaly-mark.png");
    }

    /** Issue 18: a maintenance window made through the API shows as the badge on its service's card and in the list. */
    @Test
    @Order(11)
    void aMaintenanceWindowMadeThroughTheApiShowsTheBadgeAndIsListed() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"id": "browser-it", "services": ["gateway"], "zone": "UTC", "start": "%s", "end": "%s",
                 "comment": "browser check"}""".formatted(LocalDateTime.ofInstant(now.minusSeconds(60), ZoneOffset.UTC),
                LocalDateTime.ofInstant(now.plus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "maintenance"))
                .header("Authorization", "Bearer " + OPTIONS.apiToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(201);
        try {
            browser.get(base());
            ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('monitor.token', arguments[0])",
                    OPTIONS.apiToken());
            browser.navigate().refresh();

            By card = By.cssSelector("#services .service[data-service='gateway']");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                assertThat(browser.findElement(card).findElement(By.cssSelector(".maintenance-badge")).getText())
                        .startsWith("maintenance");
                assertThat(browser.findElements(By.cssSelector("#maintenance tr[data-window='browser-it']")))
                        .singleElement().satisfies(row -> assertThat(row.getText()).contains("browser check"));
            });
            screenshotAround(card, "dashboard-maintenance.png");
        } finally {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "maintenance/browser-it"))
                    .header("Authorization", "Bearer " + OPTIONS.apiToken()).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The text as written in the page, before CSS transforms (labels are shown in capitals). */
    private static String text(WebElement element) {
        return element.getAttribute("textContent").trim();
    }

    private static HttpResponse<String> getWithToken(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + OPTIONS.apiToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void ingestRequests(String service, int count) throws Exception {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(new Sample(Sample.VERSION, SampleKind.REQUEST, "browser-test", service, Instant.now(), true,
                    120.0 + i, 200, null, Map.of(), Map.of()));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + system.collectorPort() + "/ingest"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(samples)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static void simulateFailure(String service, int seconds) throws Exception {
        HttpResponse<String> injected = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base() + "debug/simulate-failure"))
                .header("Authorization", "Bearer " + OPTIONS.apiToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"" + service
                        + "\",\"failure_type\":\"down\",\"duration_s\":" + seconds + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(injected.statusCode()).as(injected.body()).isEqualTo(202);
    }

    private void answerTokenPrompt(String token) {
        try {
            var prompt = browser.switchTo().alert();
            prompt.sendKeys(token);
            prompt.accept();
        } catch (NoAlertPresentException e) {
            // the token was already in sessionStorage, or none is needed
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The service's traffic latency, else its probe latency (a fleet service may only be probed). */
    private static String latencyOf(String service) {
        List<WebElement> cells = browser.findElements(
                By.cssSelector("#services .service[data-service='" + service + "'] .latency"));
        return cells.stream().map(WebElement::getText).filter(text -> !text.equals("–")).findFirst()
                .orElse(cells.isEmpty() ? "" : cells.get(0).getText());
    }

    private static void screenshotAround(By element, String name) throws Exception {
        // the panels re-render on every metrics_update: an element found a moment ago may be gone
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                        browser.findElement(element)));
        screenshot(name);
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Paths.get("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String base() {
        return "http://localhost:" + system.apiPort() + "/";
    }
}
