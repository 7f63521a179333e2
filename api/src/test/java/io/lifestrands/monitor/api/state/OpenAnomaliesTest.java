package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.AnomalyEpisode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.lifestrands.monitor.api.TestRecords.T0;
import static io.lifestrands.monitor.api.TestRecords.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAnomaliesTest {

    private static final Instant END = T0.plus(Duration.ofMinutes(5));

    private final OpenAnomalies anomalies = new OpenAnomalies();
    private final List<AnomalyEpisode> told = new ArrayList<>();

    OpenAnomaliesTest() {
        anomalies.listen(told::add);
    }

    @Test
    void opensThenClosesAndTellsBoth() {
        anomalies.apply(anomaly("gateway", T0, null, 900));
        assertThat(anomalies.openOf("gateway")).hasSize(1);

        anomalies.apply(anomaly("gateway", T0, END, 1200));

        assertThat(anomalies.open()).isEmpty();
        assertThat(told).extracting(AnomalyEpisode::end).containsExactly(null, END);
    }

    @Test
    void replayedOpenAfterCloseDoesNotReopen() {
        anomalies.apply(anomaly("gateway", T0, null, 900));
        anomalies.apply(anomaly("gateway", T0, END, 1200));

        boolean changed = anomalies.apply(anomaly("gateway", T0, null, 900));

        assertThat(changed).isFalse();
        assertThat(anomalies.open()).isEmpty();
        assertThat(told).hasSize(2);
    }

    @Test
    void repeatedTransitionsTellNothingNew() {
        anomalies.apply(anomaly("gateway", T0, null, 900));
        anomalies.apply(anomaly("gateway", T0, null, 900));
        anomalies.apply(anomaly("gateway", T0, END, 1200));
        anomalies.apply(anomaly("gateway", T0, END, 1200));

        assertThat(told).hasSize(2);
    }

    @Test
    void episodesWithAnotherStartAreOthers() {
        anomalies.apply(anomaly("gateway", T0, null, 900));
        anomalies.apply(anomaly("gateway", T0, END, 1200));

        anomalies.apply(anomaly("gateway", END.plus(Duration.ofMinutes(1)), null, 950));

        assertThat(anomalies.openOf("gateway")).extracting(AnomalyEpisode::start)
                .containsExactly(END.plus(Duration.ofMinutes(1)));
    }

    @Test
    void seedTakesStoredOpenEpisodesButNotOnesAlreadyClosed() {
        anomalies.apply(anomaly("gateway", T0, END, 1200));

        anomalies.seed(anomaly("gateway", T0, null, 900));
        anomalies.seed(anomaly("search", T0, null, 700));

        assertThat(anomalies.open()).extracting(AnomalyEpisode::service).containsExactly("search");
        assertThat(told).hasSize(1);
    }
}
