package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertEvent;

import java.util.List;

/** The outcome of one evaluation: the alert's new state and the transitions to announce, in order. */
public record Evaluation(AlertStateRecord state, List<AlertEvent> transitions) {

    public Evaluation {
        transitions = List.copyOf(transitions);
    }
}
