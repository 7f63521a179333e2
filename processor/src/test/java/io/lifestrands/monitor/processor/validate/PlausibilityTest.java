package io.lifestrands.monitor.processor.validate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each kind of metric against its range; implausible values are named and dropped, the others kept. */
class PlausibilityTest {

    private final Plausibility defaults = new Plausibility(PlausibilitySettings.defaults());

    @Test
    void percentagesLieWithin0And100() {
        Plausibility.Verdict verdict = defaults.check(Map.of("cpu_pct", 140.0, "mem_pct", -1.0, "disk_pct:root",
                100.5, "gpu_util_pct", 100.0, "vram_used_pct", 0.0));

        assertThat(verdict.problems()).containsExactly("cpu_pct=140 outside [0, 100]",
                "disk_pct:root=100.5 outside [0, 100]", "mem_pct=-1 outside [0, 100]");
        assertThat(verdict.plausible()).containsOnlyKeys("gpu_util_pct", "vram_used_pct");
    }

    @Test
    void countsSizesAndRatesAreNotNegative() {
        Plausibility.Verdict verdict = defaults.check(Map.of("queue_depth", -3.0, "consumer_lag:monitor-api", -1.0,
                "active_requests", 0.0, "net_rx_bytes_per_s", 1.5e6));

        assertThat(verdict.problems()).containsExactly("consumer_lag:monitor-api=-1 below 0", "queue_depth=-3 below 0");
        assertThat(verdict.plausible()).containsOnlyKeys("active_requests", "net_rx_bytes_per_s");
    }

    @Test
    void tokensPerSecondLieWithinZeroAndTheCeiling() {
        Plausibility lowCeiling = new Plausibility(new PlausibilitySettings("", "", 500));

        assertThat(defaults.check(Map.of("tokens_per_second", 250_000.0)).problems())
                .containsExactly("tokens_per_second=250000 outside [0, 100000]");
        assertThat(defaults.check(Map.of("tokens_per_second", -0.5)).implausible()).isTrue();
        assertThat(defaults.check(Map.of("tokens_per_second", 38.4)).implausible()).isFalse();
        assertThat(lowCeiling.check(Map.of("tokens_per_second", 600.0)).implausible()).isTrue();
    }

    @Test
    void usedGpuMemoryLiesWithinTheTotalWhenBothAreThere() {
        Plausibility.Verdict over = defaults.check(Map.of("vram_used_bytes", 9.0e9, "vram_total_bytes", 8.0e9,
                "tokens_per_second", 38.0));

        assertThat(over.problems()).containsExactly("vram_total_bytes=8000000000 below vram_used_bytes",
                "vram_used_bytes=9000000000 above vram_total_bytes=8000000000");
        assertThat(over.plausible()).containsOnlyKeys("tokens_per_second");
        assertThat(defaults.check(Map.of("vram_used_bytes", 9.0e9)).implausible()).isFalse();
        assertThat(defaults.check(Map.of("gpu_memory_used_bytes", 2.0, "gpu_memory_total_bytes", 1.0))
                .implausible()).isTrue();
    }

    @Test
    void metricsOfNoKnownKindAreNotJudged() {
        Plausibility.Verdict verdict = defaults.check(Map.of("temperature_delta", -5.0, "custom_pct", 250.0));

        assertThat(verdict.implausible()).isFalse();
        assertThat(verdict.plausible()).hasSize(2);
    }

    @Test
    void settingsComeFromTheEnvironmentWithDefaults() {
        PlausibilitySettings read = PlausibilitySettings.fromEnv(Map.of(
                PlausibilitySettings.PERCENT_VARIABLE, "cpu_pct,battery_pct:*",
                PlausibilitySettings.NON_NEGATIVE_VARIABLE, " ",
                PlausibilitySettings.MAX_TOKENS_VARIABLE, "2500"));
        Plausibility custom = new Plausibility(read);

        assertThat(PlausibilitySettings.fromEnv(Map.of())).isEqualTo(PlausibilitySettings.defaults());
        assertThat(custom.check(Map.of("battery_pct:left", 101.0, "mem_pct", 101.0, "queue_depth", -1.0,
                "tokens_per_second", 2600.0)).problems())
                .containsExactly("battery_pct:left=101 outside [0, 100]", "tokens_per_second=2600 outside [0, 2500]");
    }

    @Test
    void anInvalidSettingNamesItsVariable() {
        assertThatThrownBy(() -> PlausibilitySettings.fromEnv(Map.of(PlausibilitySettings.PERCENT_VARIABLE,
                "cpu pct"))).hasMessageContaining("MONITOR_PLAUSIBLE_PERCENT_METRICS").hasMessageContaining("cpu pct");
        assertThatThrownBy(() -> PlausibilitySettings.fromEnv(Map.of(PlausibilitySettings.MAX_TOKENS_VARIABLE,
                "lots"))).hasMessageContaining("MONITOR_PLAUSIBLE_MAX_TOKENS_PER_SECOND");
        assertThatThrownBy(() -> PlausibilitySettings.fromEnv(Map.of(PlausibilitySettings.MAX_TOKENS_VARIABLE,
                "0"))).hasMessageContaining("MONITOR_PLAUSIBLE_MAX_TOKENS_PER_SECOND must be a finite number > 0");
    }
}
