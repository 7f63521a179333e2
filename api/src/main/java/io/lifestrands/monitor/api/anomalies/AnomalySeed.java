package io.lifestrands.monitor.api.anomalies;

import io.lifestrands.monitor.api.state.LiveState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Seeds the open anomaly episodes with the open rows of PostgreSQL (episodes older than the live consumer's
 * look-back) before the live consumer starts.
 */
@Component
class AnomalySeed implements SmartLifecycle {

    static final int MAX_OPEN = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AnomalySeed.class);

    private final AnomalyStore store;
    private final LiveState state;
    private volatile boolean running;

    AnomalySeed(AnomalyStore store, LiveState state) {
        this.store = store;
        this.state = state;
    }

    @Override
    public void start() {
        try {
            store.open(MAX_OPEN).forEach(state.anomalies()::seed);
        } catch (DataAccessException e) {
            log.warn("Could not read the open anomaly episodes from PostgreSQL; the live consumer's look-back alone "
                    + "rebuilds them: {}", e.toString());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the consumers (default phase), so a transition they read is never overwritten by an older seed
        return DEFAULT_PHASE - 200;
    }
}
