package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.MaintenanceWindow.Repeat;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Maintenance window schedules at fixed instants, across Europe/Berlin's 2026 daylight-saving changes. */
class MaintenanceWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Sundays 01:00-04:00 local; 29 March 2026 springs forward at 02:00, 25 October falls back at 03:00. */
    private static MaintenanceWindow sundays(String firstSunday) {
        LocalDateTime start = LocalDateTime.parse(firstSunday + "T01:00");
        return window("sunday-upgrades", List.of("gateway"), BERLIN, start, start.plusHours(3),
                Repeat.WEEKLY);
    }

    @Test
    void weeklyWindowKeepsItsLocalTimesAcrossTheSpringForward() {
        MaintenanceWindow window = sundays("2026-03-22");

        // 22 March, CET (+1): 00:00Z-03:00Z; 29 March: 01:00 CET to 04:00 CEST = 00:00Z-02:00Z; 5 April, CEST (+2)
        assertThat(window.occurrence(0)).isEqualTo(occurrence("2026-03-22T00:00:00Z", "2026-03-22T03:00:00Z"));
        assertThat(window.occurrence(1)).isEqualTo(occurrence("2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z"));
        assertThat(window.occurrence(2)).isEqualTo(occurrence("2026-04-04T23:00:00Z", "2026-04-05T02:00:00Z"));
        assertThat(window.activeAt(Instant.parse("2026-03-29T01:59:59Z"))).isTrue();
        assertThat(window.activeAt(Instant.parse("2026-03-29T02:00:00Z"))).isFalse();
        assertThat(window.activeAt(Instant.parse("2026-04-04T22:59:59Z"))).isFalse();
        assertThat(window.activeAt(Instant.parse("2026-04-04T23:00:00Z"))).isTrue();
    }

    @Test
    void weeklyWindowKeepsItsLocalTimesAcrossTheFallBack() {
        MaintenanceWindow window = sundays("2026-10-18");

        // 25 October: 01:00 CEST (+2) = 23:00Z the day before, 04:00 CET (+1) = 03:00Z: four hours long
        assertThat(window.occurrence(1)).isEqualTo(occurrence("2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z"));
        assertThat(window.activeAt(Instant.parse("2026-10-24T22:59:59Z"))).isFalse();
        assertThat(window.activeAt(Instant.parse("2026-10-25T02:59:59Z"))).isTrue();
        assertThat(window.activeAt(Instant.parse("2026-10-25T03:00:00Z"))).isFalse();
        assertThat(window.activeAt(Instant.parse("2026-11-01T00:00:00Z"))).isTrue();
    }

    @Test
    void dailyWindowAcrossMidnightIsFoundFromTheNextDay() {
        LocalDateTime start = LocalDateTime.parse("2026-01-01T23:00");
        MaintenanceWindow window = window("nightly", List.of("gateway"), BERLIN, start,
                start.plusHours(2), Repeat.DAILY);

        assertThat(window.activeAt(Instant.parse("2026-01-09T23:30:00Z"))).isTrue(); // 00:30 local on the 10th
        assertThat(window.activeAt(Instant.parse("2026-01-10T00:00:00Z"))).isFalse(); // 01:00 local: ended
        assertThat(window.activeAt(Instant.parse("2026-01-01T21:59:59Z"))).isFalse(); // before the first
    }

    @Test
    void oneOffWindowCoversOnlyItsOwnTime() {
        LocalDateTime start = LocalDateTime.parse("2026-01-01T10:00");
        MaintenanceWindow window = window("migration", List.of("gateway"), BERLIN, start,
                start.plusHours(1), Repeat.NONE);

        assertThat(window.activeAt(Instant.parse("2026-01-01T09:30:00Z"))).isTrue();
        assertThat(window.activeAt(Instant.parse("2026-01-01T10:00:00Z"))).isFalse();
        assertThat(window.activeAt(Instant.parse("2026-01-08T09:30:00Z"))).isFalse();
    }

    @Test
    void recurringWindowMustBeShorterThanItsPeriod() {
        LocalDateTime start = LocalDateTime.parse("2026-01-01T10:00");

        assertThatThrownBy(() -> window("too-long", List.of("gateway"), BERLIN, start,
                start.plusDays(1), Repeat.DAILY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("daily window must end less than PT24H");
        assertThatThrownBy(() -> window("backwards", List.of("gateway"), BERLIN, start, start,
                Repeat.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end must be after");
    }

    @Test
    void weeklyOnListedDaysStartsOnEachOfThemOnly() {
        LocalDateTime start = LocalDateTime.parse("2026-03-23T22:00"); // a Monday
        MaintenanceWindow window = new MaintenanceWindow(null, "backups", List.of("gateway"), BERLIN, start,
                start.plusHours(1), Repeat.WEEKLY, List.of(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY), "", "ops",
                Instant.EPOCH, Instant.EPOCH);

        // Monday 23 March (CET), Wednesday 25th, then Monday 30th after the spring-forward (CEST): 22:00 local each
        assertThat(window.occurrencesBetween(Instant.parse("2026-03-23T00:00:00Z"),
                Instant.parse("2026-03-31T00:00:00Z"))).containsExactly(
                occurrence("2026-03-23T21:00:00Z", "2026-03-23T22:00:00Z"),
                occurrence("2026-03-25T21:00:00Z", "2026-03-25T22:00:00Z"),
                occurrence("2026-03-30T20:00:00Z", "2026-03-30T21:00:00Z"));
        assertThat(window.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
    }

    @Test
    void nextIsTheRunningOccurrenceElseTheComingOne() {
        MaintenanceWindow window = sundays("2026-03-22");

        assertThat(window.next(Instant.parse("2026-03-22T01:00:00Z")))
                .contains(occurrence("2026-03-22T00:00:00Z", "2026-03-22T03:00:00Z"));
        assertThat(window.next(Instant.parse("2026-03-22T03:00:00Z")))
                .contains(occurrence("2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z"));
        assertThat(window.next(Instant.parse("2026-01-01T00:00:00Z")))
                .contains(occurrence("2026-03-22T00:00:00Z", "2026-03-22T03:00:00Z"));
    }

    @Test
    void oneOffWindowHasNoNextOnceOver() {
        LocalDateTime start = LocalDateTime.parse("2026-01-01T10:00");
        MaintenanceWindow window = window("migration", List.of("gateway"), BERLIN, start, start.plusHours(1),
                Repeat.NONE);

        assertThat(window.next(Instant.parse("2026-01-01T08:00:00Z"))).isPresent();
        assertThat(window.next(Instant.parse("2026-01-01T10:00:00Z"))).isEmpty();
    }

    @Test
    void daysNeedAWeeklyWindowShorterThanADay() {
        LocalDateTime start = LocalDateTime.parse("2026-01-01T10:00");

        assertThatThrownBy(() -> new MaintenanceWindow(null, "x", List.of("gateway"), BERLIN, start,
                start.plusHours(1), Repeat.DAILY, List.of(DayOfWeek.MONDAY), "", "ops", Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days need repeat weekly");
        assertThatThrownBy(() -> new MaintenanceWindow(null, "x", List.of("gateway"), BERLIN, start,
                start.plusHours(25), Repeat.WEEKLY, List.of(DayOfWeek.MONDAY), "", "ops", Instant.EPOCH,
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("less than PT24H");
    }

    static MaintenanceWindow window(String id, List<String> services, ZoneId zone, LocalDateTime start,
                                    LocalDateTime end, Repeat repeat) {
        return new MaintenanceWindow(null, id, services, zone, start, end, repeat, List.of(), "", "ops",
                Instant.EPOCH, Instant.EPOCH);
    }

    private static MaintenanceWindow.Occurrence occurrence(String start, String end) {
        return new MaintenanceWindow.Occurrence(Instant.parse(start), Instant.parse(end));
    }
}
