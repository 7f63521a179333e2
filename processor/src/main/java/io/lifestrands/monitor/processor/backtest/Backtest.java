package io.lifestrands.monitor.processor.backtest;

import io.lifestrands.monitor.processor.alert.Replay;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.BacktestRequest;
import io.lifestrands.monitor.schema.BacktestResult;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.topic.TopicSpec;
import io.lifestrands.monitor.schema.topic.Topics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Answers one backtest request: reads the rule's inputs of the range and its lookback from the topics (windows,
 * anomaly episodes, and samples only when the rule watches raw samples), takes the status changes the request
 * carries, replays them ({@link Replay}) and says where history was incomplete.
 */
final class Backtest {

    /**
     * A closed window is stamped with its start and written after its end and grace, amid live views stamped
     * later: a record this far past the range's end (beyond the rule's range) ends the read of its partition.
     */
    static final Duration READ_SLACK = Duration.ofMinutes(1);

    private final TopicHistory history;
    private final Duration tickInterval;

    Backtest(TopicHistory history, Duration tickInterval) {
        this.history = history;
        this.tickInterval = tickInterval;
    }

    BacktestResult answer(BacktestRequest request) {
        AlertRule rule = request.rule();
        Replay replay = new Replay(rule, request.from(), request.to(), tickInterval);
        List<String> warnings = new ArrayList<>();
        // a closed window that ends at the replay's start began one range earlier
        read(Topics.METRICS, replay.start().minus(rule.range()), request, rule.range().plus(READ_SLACK),
                replay::mayConcernWindow, replay, warnings);
        read(Topics.ANOMALIES, replay.start(), request, Duration.ZERO, key -> true, replay, warnings);
        if (replay.needsSamples()) {
            // samples are keyed by service
            read(Topics.SAMPLES, replay.start(), request, Duration.ZERO, key -> key == null || rule.appliesTo(key),
                    replay, warnings);
        }
        for (StatusChange change : request.statusChanges()) {
            // live, a change is stamped with its sample's time in milliseconds; PostgreSQL may add microseconds
            replay.offer(change, change.ts().truncatedTo(ChronoUnit.MILLIS));
        }
        Replay.Outcome outcome = replay.run();
        if (rule.severity() == Severity.WARNING) {
            warnings.add("inhibition is not replayed: live, a warning is not announced while an inhibiting alert "
                    + "fires for its service or one it depends on, so actual episodes may lack some replayed ones");
        }
        if (rule.statistic() == Statistic.ABSENT) {
            warnings.add("absent: the replay's start (" + replay.start() + ") counts as the processor's start, so "
                    + "absence is judged only from two ranges after it");
        }
        return new BacktestResult(BacktestResult.VERSION, request.id(), outcome.episodes(), outcome.inputs(),
                warnings, null);
    }

    private <V> void read(TopicSpec<String, V> topic, Instant start, BacktestRequest request, Duration slack,
                          Predicate<String> wanted, Replay replay, List<String> warnings) {
        TopicHistory.Read read = history.read(topic, start, request.to(), slack, wanted, replay::offer);
        read.keptSince().ifPresent(since -> warnings.add(topic.name() + " keeps data only from " + since
                + "; the replay needs it from " + start + ", so episodes before then may be missing or differ"));
        if (read.undecodable() > 0) {
            warnings.add(read.undecodable() + " records of " + topic.name() + " did not decode and were skipped");
        }
    }
}
