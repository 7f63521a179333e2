package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.MaintenanceWindow.Occurrence;
import io.lifestrands.monitor.schema.MaintenanceWindow.Repeat;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static io.lifestrands.monitor.schema.MaintenanceWindowTest.window;
import static org.assertj.core.api.Assertions.assertThat;

/** Which service is in maintenance when, over several windows. */
class MaintenanceCalendarTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final LocalDateTime T0 = LocalDateTime.parse("2026-01-01T00:00");

    private final MaintenanceCalendar calendar = MaintenanceCalendar.of(List.of(
            window("nightly", List.of("gateway"), UTC, T0.plusHours(1), T0.plusHours(3), Repeat.DAILY),
            window("migration", List.of("gateway", "chat"), UTC, T0.plusHours(2), T0.plusHours(4), Repeat.NONE)));

    @Test
    void aServiceIsInMaintenanceWhileAnyOfItsWindowsIsActive() {
        assertThat(calendar.inMaintenance("gateway", at("2026-01-01T01:00:00Z"))).isTrue();
        assertThat(calendar.inMaintenance("chat", at("2026-01-01T01:00:00Z"))).isFalse();
        assertThat(calendar.activeFor("gateway", at("2026-01-01T02:30:00Z"))).extracting(MaintenanceWindow::id)
                .containsExactly("migration", "nightly");
        assertThat(calendar.inMaintenance("gateway", at("2026-01-01T04:00:00Z"))).isFalse();
        assertThat(calendar.inMaintenance("other", at("2026-01-01T02:30:00Z"))).isFalse();
    }

    @Test
    void overlappingOccurrencesAreMergedAndClippedToTheRange() {
        List<Occurrence> intervals = calendar.intervals("gateway", at("2026-01-01T00:00:00Z"),
                at("2026-01-02T02:00:00Z"));

        assertThat(intervals).containsExactly(
                new Occurrence(at("2026-01-01T01:00:00Z"), at("2026-01-01T04:00:00Z")),
                new Occurrence(at("2026-01-02T01:00:00Z"), at("2026-01-02T02:00:00Z")));
        assertThat(calendar.maintenanceTime("gateway", at("2026-01-01T00:00:00Z"), at("2026-01-02T02:00:00Z")))
                .isEqualTo(Duration.ofHours(4));
        assertThat(calendar.overlaps("chat", at("2026-01-01T03:59:00Z"), at("2026-01-01T04:00:00Z"))).isTrue();
        assertThat(calendar.overlaps("chat", at("2026-01-01T04:00:00Z"), at("2026-01-01T04:01:00Z"))).isFalse();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
