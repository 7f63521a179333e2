package io.lifestrands.monitor.api.silences;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real {@code amtool} (Debian's prometheus-alertmanager) against the api's Alertmanager API v2: a silence added,
 * listed and expired with it, and the active alert it holds shown as suppressed by it meanwhile. Skipped with a line
 * when amtool is not installed, unless {@code -Dmonitor.amtool.required=true} (as CI runs it).
 */
class AmtoolIT {

    private static final Path AMTOOL = Path.of(System.getenv().getOrDefault("AMTOOL_BIN", "/usr/bin/amtool"));
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ApiFixture api;
    private static Path httpConfig;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(AMTOOL)) {
            String reason = "amtool not found at " + AMTOOL + "; install it with: apt-get install -y "
                    + "prometheus-alertmanager (or set AMTOOL_BIN)";
            if (Boolean.getBoolean("monitor.amtool.required")) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort("amtool test skipped: " + reason);
        }
        api = ApiFixture.shared();
        httpConfig = Files.createTempFile("amtool-http-", ".yml");
        Files.writeString(httpConfig, "authorization:\n  type: Bearer\n  credentials: " + api.token + "\n");
    }

    @Test
    void amtoolAddsQueriesAndExpiresASilenceThatHoldsTheActiveAlert() throws Exception {
        String service = "svc-amtool-" + api.id;
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        api.produce(alert("amtool-" + api.id, "high_latency", Severity.WARNING, service, AlertState.FIRING, start));
        await().atMost(WAIT).until(() -> alertOf(service) != null);
        assertThat(alertOf(service).at("/status/state").asString()).isEqualTo("active");

        String id = amtool("silence", "add", "service=" + service, "alertname=~high_.*", "--author=it",
                "--comment=planned work", "--duration=1h").trim();

        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(amtool("silence", "query", "--quiet")).contains(id);
        JsonNode held = alertOf(service);
        assertThat(held.at("/status/state").asString()).isEqualTo("suppressed");
        assertThat(held.at("/status/silencedBy/0").asString()).isEqualTo(id);
        assertThat(amtool("alert", "query", "--silenced", "alertname=high_latency")).contains("high_latency");

        amtool("silence", "expire", id);

        assertThat(amtool("silence", "query", "--quiet")).doesNotContain(id);
        assertThat(amtool("silence", "query", "--expired", "--quiet")).contains(id);
        assertThat(alertOf(service).at("/status/state").asString()).isEqualTo("active");
        JsonNode silence = api.request("GET", "/api/v2/silence/" + id, null, api.token).statusCode() == 200
                ? api.getJson("/api/v2/silence/" + id) : null;
        assertThat(silence).isNotNull();
        assertThat(silence.at("/status/state").asString()).isEqualTo("expired");
        assertThat(silence.get("createdBy").asString()).isEqualTo("it");
    }

    @Test
    void theApiIsForOperatorsOnly() throws Exception {
        assertThat(api.request("GET", "/api/v2/silences", null, ApiFixture.VIEWER_TOKEN).statusCode())
                .isEqualTo(403);
        assertThat(api.request("GET", "/api/v2/silences", null, null).statusCode()).isEqualTo(401);
    }

    private static JsonNode alertOf(String service) throws Exception {
        for (JsonNode alert : api.getJson("/api/v2/alerts")) {
            if (service.equals(alert.at("/labels/service").asString())) {
                return alert;
            }
        }
        return null;
    }

    private static String amtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AMTOOL.toString(),
                "--alertmanager.url=http://localhost:" + api.port, "--http.config.file=" + httpConfig));
        command.addAll(List.of(args));
        // stderr apart: amtool warns there that this api's version is not an Alertmanager version
        Path errors = Files.createTempFile("amtool-", ".err");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args) + ": " + output + Files.readString(errors))
                .isZero();
        Files.delete(errors);
        return output;
    }
}
