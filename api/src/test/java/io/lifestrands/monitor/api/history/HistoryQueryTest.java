package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.system.BadRequestException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.lifestrands.monitor.api.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryQueryTest {

    private static final List<String> RESOLUTIONS = List.of("1m", "5m", "1h");

    @Test
    void defaultsToTheLastHourAtOneMinute() {
        HistoryQuery query = HistoryQuery.parse(null, null, null, null, null, RESOLUTIONS, T0);

        assertThat(query).isEqualTo(new HistoryQuery(null, null, "1m", T0.minus(Duration.ofHours(1)), T0));
    }

    @Test
    void acceptsDatesAsMidnightUtcAndChoosesACoarserResolutionForLongRanges() {
        HistoryQuery query = HistoryQuery.parse("gateway", "latency_ms", null, "2024-01-01", "2024-01-03",
                RESOLUTIONS, T0);

        assertThat(query.start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(query.end()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
        assertThat(query.resolution()).isEqualTo("5m");
    }

    @Test
    void acceptsInstantsWithOffsets() {
        HistoryQuery query = HistoryQuery.parse(null, null, "1h", "2024-01-01T12:00:00+02:00", null, RESOLUTIONS, T0);

        assertThat(query.start()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertThatThrownBy(() -> HistoryQuery.parse(null, null, null, "yesterday", null, RESOLUTIONS, T0))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("start").hasMessageContaining("yesterday");
        assertThatThrownBy(() -> HistoryQuery.parse(null, null, "live1m", null, null, RESOLUTIONS, T0))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("resolution");
        assertThatThrownBy(() -> HistoryQuery.parse("a b", null, null, null, null, RESOLUTIONS, T0))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("service");
        assertThatThrownBy(() -> HistoryQuery.parse(null, null, null, "2024-01-02", "2024-01-01", RESOLUTIONS, T0))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("start must be before end");
    }
}
