package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.schema.MaintenanceCalendar;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Names;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static io.lifestrands.monitor.api.TestRecords.T0;
import static io.lifestrands.monitor.api.TestRecords.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AvailabilityTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** Minute 0 all good, minute 1 (in maintenance, 00:01-00:02) all failed, minute 2 one of four failed. */
    private final List<MetricWindow> probes = List.of(
            window("gateway", Names.PROBE_LATENCY_MS, "1m", T0, MINUTE, 0, 10, 10, 10, 10),
            window("gateway", Names.PROBE_LATENCY_MS, "1m", T0.plus(MINUTE), MINUTE, 4, 10, 10, 10, 10),
            window("gateway", Names.PROBE_LATENCY_MS, "1m", T0.plus(MINUTE.multipliedBy(2)), MINUTE, 1, 10, 10, 10,
                    10));

    @Test
    void windowsInMaintenanceAreLeftOut() {
        MaintenanceCalendar calendar = MaintenanceCalendar.of(List.of(oneOff("gateway")));

        Availability availability = Availability.of(probes, calendar);

        assertThat(availability.value()).isCloseTo(7 / 8.0, within(1e-12));
        assertThat(availability.includingMaintenance()).isCloseTo(7 / 12.0, within(1e-12));
        assertThat(availability.windows()).isEqualTo(2);
        assertThat(availability.excludedWindows()).isEqualTo(1);
    }

    @Test
    void anotherServicesWindowLeavesNothingOut() {
        Availability availability = Availability.of(probes, MaintenanceCalendar.of(List.of(oneOff("chat"))));

        assertThat(availability.value()).isCloseTo(7 / 12.0, within(1e-12));
        assertThat(availability.excludedWindows()).isZero();
    }

    @Test
    void nothingOutsideMaintenanceIsUnavailableNotZero() {
        Availability availability = Availability.of(probes.subList(1, 2),
                MaintenanceCalendar.of(List.of(oneOff("gateway"))));

        assertThat(availability.value()).isNull();
        assertThat(availability.includingMaintenance()).isEqualTo(0.0);
    }

    private static MaintenanceWindow oneOff(String service) {
        LocalDateTime start = LocalDateTime.parse("2026-01-01T00:01");
        return new MaintenanceWindow(null, "m", List.of(service), ZoneId.of("UTC"), start, start.plusMinutes(1),
                MaintenanceWindow.Repeat.NONE, List.of(), "", "ops", Instant.EPOCH, Instant.EPOCH);
    }
}
