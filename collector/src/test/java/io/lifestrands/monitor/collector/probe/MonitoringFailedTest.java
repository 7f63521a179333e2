package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.testkit.Ports;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.lifestrands.monitor.collector.config.TestSettings.connected;
import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static io.lifestrands.monitor.collector.config.TestSettings.target;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check the monitor could not perform (the host name does not resolve, the client refuses the target) is a
 * {@code monitoring_failed} sample; a target that refuses or does not answer is down, as before. The {@code .invalid}
 * top-level domain never resolves (RFC 2606), so no server is needed.
 */
class MonitoringFailedTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String NO_SUCH_HOST = "no-such-host.invalid";

    private final ProbeFactory probes = new ProbeFactory(settings(List.of()), HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build());

    @Test
    void httpTargetWhoseHostDoesNotResolveIsMonitoringFailed() {
        Sample sample = probe(TargetKind.HTTP, "http://" + NO_SUCH_HOST + ":8000");

        assertThat(sample.up()).isFalse();
        assertThat(sample.failedToMonitor()).isTrue();
        assertThat(sample.error()).isEqualTo("unknown host " + NO_SUCH_HOST);
    }

    @Test
    void httpTargetThatRefusesIsDownNotMonitoringFailed() {
        Sample sample = probe(TargetKind.HTTP, "http://127.0.0.1:" + Ports.free());

        assertThat(sample.up()).isFalse();
        assertThat(sample.failedToMonitor()).isFalse();
        assertThat(sample.error()).isEqualTo("connection refused");
    }

    @Test
    void modelAndPrometheusTargetsWhoseHostDoesNotResolveAreMonitoringFailed() {
        assertThat(List.of(probe(TargetKind.MODEL, "http://" + NO_SUCH_HOST + ":8001"),
                probe(TargetKind.PROMETHEUS, "http://" + NO_SUCH_HOST + ":9090")))
                .allSatisfy(sample -> assertThat(sample.failedToMonitor()).as(sample.service()).isTrue());
    }

    @Test
    void databaseCacheAndBrokerWhoseHostDoesNotResolveAreMonitoringFailed() {
        Sample postgres = connectedProbe(TargetKind.POSTGRES, "postgresql://monitor:secret-pw@" + NO_SUCH_HOST
                + ":5432/monitor");
        Sample redis = connectedProbe(TargetKind.REDIS, "redis://" + NO_SUCH_HOST + ":6379");
        Sample kafka = connectedProbe(TargetKind.KAFKA, NO_SUCH_HOST + ":9092");

        assertThat(List.of(postgres, redis, kafka)).allSatisfy(sample -> {
            assertThat(sample.up()).as(sample.service()).isFalse();
            assertThat(sample.failedToMonitor()).as(sample.service()).isTrue();
        });
        assertThat(postgres.error()).isEqualTo("unknown host " + NO_SUCH_HOST).doesNotContain("secret-pw");
        assertThat(redis.error()).startsWith("unknown host " + NO_SUCH_HOST);
        assertThat(kafka.error()).contains("No resolvable bootstrap urls");
    }

    @Test
    void databaseAndCacheThatRefuseAreDownNotMonitoringFailed() {
        int closed = Ports.free();

        Sample postgres = connectedProbe(TargetKind.POSTGRES, "postgresql://monitor@127.0.0.1:" + closed + "/db");
        Sample redis = connectedProbe(TargetKind.REDIS, "redis://127.0.0.1:" + closed);

        assertThat(List.of(postgres, redis)).allSatisfy(sample -> {
            assertThat(sample.failedToMonitor()).as(sample.service()).isFalse();
            assertThat(sample.error()).as(sample.service()).isEqualTo("connection refused");
        });
    }

    @Test
    void onlyUnresolvedHostsAndRefusedConfigurationsAreChecksNotPerformed() {
        assertThat(ProbeErrors.notPerformed(new IOException(new UnknownHostException(NO_SUCH_HOST)))).isTrue();
        assertThat(ProbeErrors.notPerformed(new ConnectException().initCause(new UnresolvedAddressException())))
                .isTrue();
        assertThat(ProbeErrors.notPerformed(new KafkaException("Failed to create new KafkaAdminClient",
                new ConfigException("No resolvable bootstrap urls given in bootstrap.servers")))).isTrue();

        assertThat(ProbeErrors.notPerformed(new IOException(new ConnectException("Connection refused")))).isFalse();
        assertThat(ProbeErrors.notPerformed(new IOException(new SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(ProbeErrors.notPerformed(new IOException("HTTP/1.1 header parser received no bytes"))).isFalse();
    }

    private Sample probe(TargetKind kind, String url) {
        return probes.create(target(kind.name().toLowerCase(java.util.Locale.ROOT), kind, url,
                Duration.ofSeconds(2))).probe(T0);
    }

    private Sample connectedProbe(TargetKind kind, String connection) {
        try (Probe probe = probes.create(connected(kind.name().toLowerCase(java.util.Locale.ROOT), kind, connection,
                Duration.ofSeconds(2), null, null))) {
            return probe.probe(T0);
        }
    }
}
