package io.lifestrands.monitor.processor.slo;

import io.lifestrands.monitor.processor.slo.SloCounts.Count;
import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * Burn rates from counts: {@code (bad / total) / (1 - objective)} over a window, absent when the window holds no
 * events. The tiers are the SRE workbook's multi-window pairs.
 */
final class Burn {

    static final Duration M5 = Duration.ofMinutes(5);
    static final Duration M30 = Duration.ofMinutes(30);
    static final Duration H1 = Duration.ofHours(1);
    static final Duration H6 = Duration.ofHours(6);
    static final Duration D3 = Duration.ofDays(3);

    private Burn() {
    }

    static Double rate(Count count, double errorBudget) {
        return count.total() == 0 ? null : count.bad() / (double) count.total() / errorBudget;
    }

    static Double over(SloCounts counts, Duration window, Slo slo) {
        return rate(counts.over(window), slo.errorBudget());
    }

    static SloReading reading(Slo slo, SloCounts counts) {
        return new SloReading(slo.id(), slo.service(), both(counts, slo, H1, M5), both(counts, slo, H6, M30),
                both(counts, slo, D3, H6));
    }

    static SloStatus status(Slo slo, SloCounts counts) {
        Count inWindow = counts.over(slo.window());
        Double spent = rate(inWindow, slo.errorBudget());
        return new SloStatus(null, slo.id(), slo.service(), slo.kind(), slo.objective(), slo.window(), slo.source(),
                inWindow.good(), inWindow.total(), spent == null ? null : 1 - spent, counts.covered(slo.window()),
                over(counts, M5, slo), over(counts, M30, slo), over(counts, H1, slo), over(counts, H6, slo),
                over(counts, D3, slo), Instant.ofEpochMilli(counts.latestMs()));
    }

    private static Double both(SloCounts counts, Slo slo, Duration longWindow, Duration shortWindow) {
        Double longBurn = over(counts, longWindow, slo);
        Double shortBurn = over(counts, shortWindow, slo);
        return longBurn == null || shortBurn == null ? null : Math.min(longBurn, shortBurn);
    }
}
