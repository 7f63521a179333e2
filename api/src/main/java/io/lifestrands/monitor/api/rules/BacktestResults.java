package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.schema.BacktestResult;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backtests this instance waits for, by request id: the live consumer of {@code monitor.backtest-results.v1}
 * completes them, and results of other instances' requests are ignored.
 */
final class BacktestResults {

    private final Map<String, CompletableFuture<BacktestResult>> waiting = new ConcurrentHashMap<>();

    /** The answer to request {@code id} once it comes; call {@link #forget} when no longer waiting. */
    CompletableFuture<BacktestResult> expect(String id) {
        return waiting.computeIfAbsent(id, key -> new CompletableFuture<>());
    }

    void forget(String id) {
        waiting.remove(id);
    }

    void arrived(BacktestResult result) {
        CompletableFuture<BacktestResult> future = waiting.get(result.id());
        if (future != null) {
            future.complete(result);
        }
    }
}
