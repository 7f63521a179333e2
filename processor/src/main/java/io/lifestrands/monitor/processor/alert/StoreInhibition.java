package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.json.InvalidRecordException;
import io.lifestrands.monitor.schema.json.Json;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.function.Supplier;

/**
 * Inhibition from the stores: an inhibiting rule's alert fires for the service or for anything it depends on.
 * The alert is looked up by fingerprint in this task's state store first (no delay), else in the global copy of
 * {@code monitor.alerts.v1} (the latest event per fingerprint, from any instance, one commit interval behind).
 */
final class StoreInhibition implements Inhibition {

    private final AlertSettings settings;
    private final Supplier<RuleBook> rules;
    private final ReadOnlyKeyValueStore<String, AlertStateRecord> local;
    private final ReadOnlyKeyValueStore<String, byte[]> latestEvents;

    StoreInhibition(AlertSettings settings, Supplier<RuleBook> rules,
                    ReadOnlyKeyValueStore<String, AlertStateRecord> local,
                    ReadOnlyKeyValueStore<String, byte[]> latestEvents) {
        this.settings = settings;
        this.rules = rules;
        this.local = local;
        this.latestEvents = latestEvents;
    }

    @Override
    public boolean inhibits(String service) {
        RuleBook book = rules.get();
        for (String inhibitor : settings.inhibitors()) {
            AlertRule rule = book.rule(inhibitor).orElse(null);
            if (rule == null) {
                continue;
            }
            for (String upstream : settings.dependencies().selfAndUpstream(service)) {
                if (rule.appliesTo(upstream) && firing(Fingerprint.of(rule.name(), upstream, rule.labels()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean firing(String fingerprint) {
        AlertStateRecord state = local.get(fingerprint);
        if (state != null) {
            return state.phase() == Phase.FIRING;
        }
        byte[] latest = latestEvents.get(fingerprint);
        if (latest == null) {
            return false;
        }
        try {
            return Json.decode(latest, AlertEvent.class).state() == AlertState.FIRING;
        } catch (InvalidRecordException e) {
            // not an alert event: nothing we wrote, so nothing that inhibits
            return false;
        }
    }
}
