package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.FieldViolation;
import io.lifestrands.monitor.schema.json.InvalidFieldsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A backtest's range and lookback, which the api checks and the processor replays by. */
class BacktestRequestTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AlertRule RULE = new AlertRule(null, "high_latency", Severity.WARNING, "*", "latency_ms",
            Statistic.P95, Duration.ofMinutes(5), Comparison.GT, 2000, Duration.ofMinutes(2), Duration.ofMinutes(1),
            "slow", Map.of());

    @Test
    void aRangeMustEndAfterItStartsAndSpanAtMostTheMetricsRetention() {
        assertThat(BacktestRequest.rangeProblem(T0, T0)).contains("must be after from");
        assertThat(BacktestRequest.rangeProblem(T0, T0.plus(Duration.ofDays(7)))).isNull();
        assertThat(BacktestRequest.rangeProblem(T0, T0.plus(Duration.ofDays(7)).plusSeconds(1)))
                .contains("at most 7 days");
    }

    @Test
    void aBrokenRequestNamesEveryBrokenField() {
        InvalidFieldsException e = catchThrowableOfType(InvalidFieldsException.class,
                () -> new BacktestRequest(null, "bad id!", null, T0, T0.minusSeconds(1), List.of(), null));

        assertThat(e.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("id", "rule", "to", "requested_at");
    }

    @Test
    void theLookbackWarmsTheRulesWindowForAndKeepFiringFor() {
        assertThat(BacktestRequest.lookback(RULE)).isEqualTo(Duration.ofMinutes(8));
    }
}
