package io.lifestrands.monitor.processor.alert;

import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;

/**
 * Decoded alert states in front of the logged {@code alert-state-store}, so an observation does not decode the JSON
 * value again (the store's cache holds bytes). Read-through: a miss reads the store and keeps what it found. Every
 * put and delete goes to the store first, so the changelog, restoration and other readers ({@link StoreInhibition})
 * see exactly what they saw without it. Holds only keys present in the store, so it is bounded by the alert
 * identities of the task. Created in the processor's {@code init}, i.e. after restoration; values are immutable
 * {@link AlertStateRecord}s, so a kept object cannot change behind the store.
 */
final class DecodedStates {

    private final KeyValueStore<String, AlertStateRecord> store;
    private final Map<String, AlertStateRecord> decoded = new HashMap<>();

    DecodedStates(KeyValueStore<String, AlertStateRecord> store) {
        this.store = store;
    }

    AlertStateRecord get(String fingerprint) {
        AlertStateRecord state = decoded.get(fingerprint);
        if (state == null) {
            state = store.get(fingerprint);
            if (state != null) {
                decoded.put(fingerprint, state);
            }
        }
        return state;
    }

    void put(String fingerprint, AlertStateRecord state) {
        store.put(fingerprint, state);
        decoded.put(fingerprint, state);
    }

    void delete(String fingerprint) {
        store.delete(fingerprint);
        decoded.remove(fingerprint);
    }
}
