package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static io.lifestrands.monitor.collector.config.TestSettings.target;
import static org.assertj.core.api.Assertions.assertThat;

class SystemProbeTest {

    @Test
    void reportsCpuMemoryAndDiskAsPercentages() {
        Probe probe = new ProbeFactory(settings(List.of()), HttpClient.newHttpClient())
                .create(target("host:test-host", TargetKind.SYSTEM, null, Duration.ofSeconds(5)));

        Sample sample = probe.probe(Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(sample.service()).isEqualTo("host:test-host");
        assertThat(sample.up()).isTrue();
        assertThat(sample.latencyMs()).isNotNull().isNotNegative();
        assertThat(sample.metrics()).containsKeys("cpu_pct", "mem_pct", "disk_pct");
        assertThat(List.of(sample.metrics().get("cpu_pct"), sample.metrics().get("mem_pct"),
                sample.metrics().get("disk_pct"))).allSatisfy(pct -> assertThat(pct).isBetween(0.0, 100.0));
        assertThat(sample.labels()).containsKey("platform");
    }
}
