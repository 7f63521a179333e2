package io.lifestrands.monitor.api.maintenance;

import io.lifestrands.monitor.api.silences.SilenceBook;
import io.lifestrands.monitor.api.state.LiveState;
import io.lifestrands.monitor.api.state.ServiceHealth;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.MaintenanceWindow;
import io.lifestrands.monitor.schema.MaintenanceWindow.Repeat;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static io.lifestrands.monitor.api.TestRecords.change;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A weekly Sunday 01:00-04:00 Europe/Berlin window read at fixed instants around the 29 March 2026 spring-forward
 * (01:00 CET = 00:00Z to 04:00 CEST = 02:00Z): the status, the holds on alerts and the answer's occurrences.
 */
class MaintenanceBookTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant INSIDE = Instant.parse("2026-03-29T01:30:00Z"); // 03:30 CEST
    private static final Instant AFTER = Instant.parse("2026-03-29T02:00:00Z"); // 04:00 CEST: ended

    private final MaintenanceBook book = new MaintenanceBook();

    MaintenanceBookTest() {
        LocalDateTime start = LocalDateTime.parse("2026-03-22T01:00");
        book.apply(new MaintenanceWindow(null, "sundays", List.of("gateway"), BERLIN, start, start.plusHours(3),
                Repeat.WEEKLY, List.of(), "upgrades", "ops", Instant.EPOCH, Instant.EPOCH));
    }

    @Test
    void statusIsMaintenanceInsideTheWindowWithTheProbedStatusBeside() {
        ServiceHealth inside = state(INSIDE).health("gateway");
        ServiceHealth after = state(AFTER).health("gateway");

        assertThat(inside.status()).isEqualTo("maintenance");
        assertThat(inside.probedStatus()).isEqualTo("down");
        assertThat(inside.maintenance()).containsExactly("sundays");
        assertThat(after.status()).isEqualTo("down");
        assertThat(after.probedStatus()).isNull();
    }

    @Test
    void alertsOfTheServiceAreHeldByTheWindowOnlyWhileItRuns() {
        SilenceBook silences = new SilenceBook(book);

        assertThat(silences.silencing(alert("a", "high_latency", Severity.WARNING, "gateway", AlertState.FIRING,
                INSIDE), INSIDE)).containsExactly("maintenance:sundays");
        assertThat(silences.silencing(alert("a", "high_latency", Severity.WARNING, "gateway", AlertState.FIRING,
                AFTER), AFTER)).isEmpty();
        assertThat(silences.silencing(alert("b", "high_latency", Severity.WARNING, "chat", AlertState.FIRING,
                INSIDE), INSIDE)).isEmpty();
    }

    @Test
    void answerGivesTheRunningOccurrenceAndTheNextAsInstants() {
        MaintenanceView inside = MaintenanceView.of(book.find("sundays").orElseThrow(), INSIDE);
        MaintenanceView after = MaintenanceView.of(book.find("sundays").orElseThrow(), AFTER);

        assertThat(inside.active()).isTrue();
        assertThat(inside.current()).isEqualTo(new MaintenanceWindow.Occurrence(
                Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-29T02:00:00Z")));
        assertThat(inside.next()).isEqualTo(new MaintenanceWindow.Occurrence(
                Instant.parse("2026-04-04T23:00:00Z"), Instant.parse("2026-04-05T02:00:00Z")));
        assertThat(after.active()).isFalse();
        assertThat(after.current()).isNull();
        assertThat(after.next()).isEqualTo(inside.next());
    }

    @Test
    void anOlderVersionDoesNotReplaceANewerOne() {
        MaintenanceWindow held = book.find("sundays").orElseThrow();
        book.apply(new MaintenanceWindow(null, "sundays", List.of("chat"), BERLIN, held.start(), held.end(),
                Repeat.NONE, List.of(), "", "ops", Instant.EPOCH, Instant.EPOCH.minusSeconds(1)));

        assertThat(book.find("sundays")).contains(held);
    }

    private LiveState state(Instant now) {
        LiveState state = new LiveState(book, Clock.fixed(now, ZoneOffset.UTC));
        state.applyStatus(change("gateway", ServiceStatus.UP, ServiceStatus.DOWN,
                Instant.parse("2026-03-28T00:00:00Z")));
        return state;
    }
}
