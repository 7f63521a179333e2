package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Timelines of transitions and acknowledgements in, the open episodes out. */
class ActiveAlertSetTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ActiveAlertSet alerts = new ActiveAlertSet();

    @Test
    void anEpisodeIsOpenWhilePendingAndFiringAndLeavesWhenResolved() {
        alerts.apply(event("fp", T0, AlertState.PENDING, null));
        assertThat(alerts.open()).extracting(AlertView::state).containsExactly(AlertState.PENDING);

        alerts.apply(event("fp", T0, AlertState.FIRING, null));
        assertThat(alerts.open()).extracting(AlertView::state).containsExactly(AlertState.FIRING);

        AlertView resolved = alerts.apply(event("fp", T0, AlertState.RESOLVED, T0.plusSeconds(300))).orElseThrow();
        assertThat(resolved.ended()).isTrue();
        assertThat(alerts.open()).isEmpty();
    }

    @Test
    void aPendingEpisodeClosedWithEndsAtLeavesAndItsCloseIsReported() {
        alerts.apply(event("fp", T0, AlertState.PENDING, null));

        AlertView closed = alerts.apply(event("fp", T0, AlertState.PENDING, T0.plusSeconds(20))).orElseThrow();

        assertThat(closed.state()).isEqualTo(AlertState.PENDING);
        assertThat(closed.ended()).isTrue();
        assertThat(alerts.open()).isEmpty();
    }

    @Test
    void aReplayedEarlierStateOfTheEpisodeChangesNothing() {
        alerts.apply(event("fp", T0, AlertState.PENDING, null));
        alerts.apply(event("fp", T0, AlertState.FIRING, null));

        assertThat(alerts.apply(event("fp", T0, AlertState.PENDING, null))).isEmpty();
        assertThat(alerts.open()).extracting(AlertView::state).containsExactly(AlertState.FIRING);
    }

    @Test
    void anOlderEpisodeOfTheFingerprintChangesNothingAndANewerOneReplacesIt() {
        alerts.apply(event("fp", T0.plusSeconds(600), AlertState.FIRING, null));

        assertThat(alerts.apply(event("fp", T0, AlertState.RESOLVED, T0.plusSeconds(300)))).isEmpty();
        assertThat(alerts.open()).extracting(AlertView::startsAt).containsExactly(T0.plusSeconds(600));

        alerts.apply(event("fp", T0.plusSeconds(900), AlertState.PENDING, null));
        assertThat(alerts.open()).extracting(AlertView::startsAt).containsExactly(T0.plusSeconds(900));
    }

    @Test
    void anAcknowledgementStaysWithItsEpisodeAcrossTransitions() {
        AlertEvent pending = event("fp", T0, AlertState.PENDING, null);
        alerts.apply(pending);

        AlertView acked = alerts.acknowledge(ack(pending.id())).orElseThrow();
        alerts.apply(event("fp", T0, AlertState.FIRING, null));

        assertThat(acked.acknowledgedBy()).isEqualTo("oncall");
        assertThat(alerts.open()).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.FIRING);
            assertThat(alert.acknowledged()).isTrue();
            assertThat(alert.comment()).isEqualTo("looking");
        });
    }

    @Test
    void anAcknowledgementThatArrivesBeforeItsEpisodeIsAppliedWhenTheEpisodeComes() {
        AlertEvent firing = event("fp", T0, AlertState.FIRING, null);

        assertThat(alerts.acknowledge(ack(firing.id()))).isEmpty();
        AlertView view = alerts.apply(firing).orElseThrow();

        assertThat(view.acknowledged()).isTrue();
    }

    @Test
    void aSecondAcknowledgementOfAnEpisodeChangesNothing() {
        AlertEvent firing = event("fp", T0, AlertState.FIRING, null);
        alerts.apply(firing);
        alerts.acknowledge(ack(firing.id()));

        assertThat(alerts.acknowledge(new AlertAcknowledged(firing.id(), "someone-else", T0.plusSeconds(9), null)))
                .isEmpty();
        assertThat(alerts.open()).singleElement().extracting(AlertView::acknowledgedBy).isEqualTo("oncall");
    }

    @Test
    void aSeededEpisodeNeverReplacesANewerOne() {
        alerts.apply(event("fp", T0.plusSeconds(600), AlertState.PENDING, null));

        alerts.seed(AlertView.of(event("fp", T0, AlertState.FIRING, null)));
        alerts.seed(AlertView.of(event("other", T0, AlertState.FIRING, null)));

        assertThat(alerts.open()).extracting(AlertView::fingerprint, AlertView::startsAt)
                .containsExactlyInAnyOrder(tuple("fp", T0.plusSeconds(600)),
                        tuple("other", T0));
    }

    @Test
    void openIsMostSevereFirstThenNewestFirst() {
        alerts.apply(event("warn-old", T0, AlertState.FIRING, null, Severity.WARNING));
        alerts.apply(event("crit-old", T0, AlertState.FIRING, null, Severity.CRITICAL));
        alerts.apply(event("warn-new", T0.plus(Duration.ofMinutes(5)), AlertState.PENDING, null, Severity.WARNING));
        alerts.apply(event("info", T0, AlertState.FIRING, null, Severity.INFO));

        assertThat(alerts.open()).extracting(AlertView::fingerprint)
                .containsExactly("crit-old", "warn-new", "warn-old", "info");
    }

    private static AlertEvent event(String fingerprint, Instant startsAt, AlertState state, Instant endsAt) {
        return event(fingerprint, startsAt, state, endsAt, Severity.WARNING);
    }

    /** An episode's id is its fingerprint and pending start, as the processor makes it. */
    private static AlertEvent event(String fingerprint, Instant startsAt, AlertState state, Instant endsAt,
                                    Severity severity) {
        return new AlertEvent(null, fingerprint + "-" + startsAt.toEpochMilli(), fingerprint, "high_latency",
                severity, "gateway", state, 2500, 2000, "slow", startsAt, endsAt, Map.of());
    }

    private static AlertAcknowledged ack(String alertId) {
        return new AlertAcknowledged(alertId, "oncall", T0.plusSeconds(5), "looking");
    }
}
