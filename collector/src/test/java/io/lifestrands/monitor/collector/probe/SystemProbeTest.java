package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.TargetKind;
import io.lifestrands.monitor.schema.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static io.lifestrands.monitor.collector.config.TestSettings.target;
import static org.assertj.core.api.Assertions.assertThat;

class SystemProbeTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void reportsCpuMemoryAndDiskAsPercentages() {
        Probe probe = new ProbeFactory(settings(List.of()), HttpClient.newHttpClient())
                .create(target("host:test-host", TargetKind.SYSTEM, null, Duration.ofSeconds(5)));

        Sample sample = probe.probe(T0);

        assertThat(sample.service()).isEqualTo("host:test-host");
        assertThat(sample.up()).isTrue();
        assertThat(sample.latencyMs()).isNotNull().isNotNegative();
        assertThat(sample.metrics()).containsKeys("cpu_pct", "mem_pct", "disk_pct");
        assertThat(List.of(sample.metrics().get("cpu_pct"), sample.metrics().get("mem_pct"),
                sample.metrics().get("disk_pct"))).allSatisfy(pct -> assertThat(pct).isBetween(0.0, 100.0));
        assertThat(sample.labels()).containsKey("platform");
    }

    @Test
    void reportsEveryLocalMountAndNetworkThroughputFromTheSecondProbeOn() {
        Probe probe = probe(Optional.empty());

        Sample first = probe.probe(T0);
        Sample second = probe.probe(T0);

        assertThat(first.metrics()).doesNotContainKeys("net_rx_bytes_per_s", "net_tx_bytes_per_s");
        assertThat(second.metrics()).containsKeys("net_rx_bytes_per_s", "net_tx_bytes_per_s");
        assertThat(second.metrics().keySet()).anySatisfy(key -> assertThat(key).startsWith("disk_pct:"));
        assertThat(second.metrics()).allSatisfy((key, value) -> {
            if (key.startsWith("disk_pct:")) {
                assertThat(value).isBetween(0.0, 100.0);
            }
        });
    }

    @Test
    void withoutNvidiaSmiThereAreNoGpuMetricsAtAll(@TempDir Path empty) {
        assertThat(NvidiaSmi.onPath(empty.toString())).isEmpty();

        Sample sample = probe(NvidiaSmi.onPath(empty.toString())).probe(T0);

        assertThat(sample.metrics().keySet()).noneSatisfy(key -> assertThat(key).startsWith("gpu_"));
    }

    @Test
    void gpuMemoryAndUtilisationComeFromNvidiaSmi(@TempDir Path bin) throws IOException {
        Path smi = bin.resolve("nvidia-smi");
        // a stand-in printing what `nvidia-smi --query-gpu=... --format=csv,noheader,nounits` prints for two GPUs
        Files.writeString(smi, "#!/bin/sh\nprintf '18944, 24576, 87\\n1024, 8192, 13\\n'\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));

        Sample sample = probe(NvidiaSmi.onPath(bin.toString())).probe(T0);

        assertThat(sample.metrics()).containsEntry("gpu_count", 2.0)
                .containsEntry("gpu_memory_used_bytes", (18944.0 + 1024) * 1024 * 1024)
                .containsEntry("gpu_memory_total_bytes", (24576.0 + 8192) * 1024 * 1024)
                .containsEntry("gpu_memory_pct", 60.94)
                .containsEntry("gpu_util_pct", 50.0);
    }

    private static Probe probe(Optional<NvidiaSmi> gpu) {
        return new SystemProbe("test-host", target("host:test-host", TargetKind.SYSTEM, null, Duration.ofSeconds(5)),
                Path.of("").toAbsolutePath(), gpu);
    }
}
