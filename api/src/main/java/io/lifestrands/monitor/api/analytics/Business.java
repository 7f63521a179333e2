package io.lifestrands.monitor.api.analytics;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Body of {@code GET /analytics/business}, shaped like the seed's "Business Metrics"; figures are for the UTC day
 * {@code date}. A figure with no source (no gauge reported) is absent.
 *
 * @param events today's count of every event name seen
 */
record Business(LocalDate date, Conversations conversations, Npcs npcs, Summaries summaries,
                SortedMap<String, Long> events) {

    Business {
        events = new TreeMap<>(Map.copyOf(events));
    }

    /** @param activeCount started minus ended today, never below 0 */
    record Conversations(long activeCount, long totalToday, long endedToday, String averageDuration,
                         Double averageDurationMs) {
    }

    /** @param totalCount the {@code npcs_total} gauge; @param activeCount the {@code npcs_active} gauge */
    record Npcs(Long totalCount, Long activeCount, long createdToday, long updatedToday) {
    }

    /** @param pendingCount the {@code queue_size:summary_queue} gauge */
    record Summaries(long processedToday, Long pendingCount, String averageProcessingTime,
                     Double averageProcessingTimeMs) {
    }
}
