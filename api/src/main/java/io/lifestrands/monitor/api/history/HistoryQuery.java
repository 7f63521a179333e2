package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.schema.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.lifestrands.monitor.api.system.RequestParams.blankToNull;
import static io.lifestrands.monitor.api.system.RequestParams.checkId;
import static io.lifestrands.monitor.api.system.RequestParams.clip;
import static io.lifestrands.monitor.api.system.RequestParams.instant;

/**
 * A validated {@code /metrics/history} request.
 *
 * @param service    null for every service
 * @param metric     null for every metric
 * @param resolution window resolution to read
 * @param start      inclusive start of the range (windows starting at or after it)
 * @param end        exclusive end of the range
 */
record HistoryQuery(String service, String metric, String resolution, Instant start, Instant end) {

    static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    /**
     * Parses the request parameters; any may be null. Without {@code end} the range ends now; without
     * {@code start} it spans the hour before the end. Without {@code resolution} the finest stored one that keeps
     * the range under about 1,000 windows per series is chosen. Dates mean midnight UTC.
     *
     * @throws BadRequestException naming the parameter and the value
     */
    static HistoryQuery parse(String service, String metric, String resolution, String start, String end,
                              List<String> resolutions, Instant now) {
        checkId("service", service);
        checkId("metric", metric);
        Instant to = end == null || end.isBlank() ? now : instant("end", end);
        Instant from = start == null || start.isBlank() ? to.minus(DEFAULT_RANGE) : instant("start", start);
        if (!from.isBefore(to)) {
            throw new BadRequestException("start must be before end, was start=" + from + " end=" + to);
        }
        String chosen = resolution == null || resolution.isBlank()
                ? choose(Duration.between(from, to), resolutions) : resolution;
        if (!resolutions.contains(chosen)) {
            throw new BadRequestException("resolution must be one of " + resolutions + ", was '" + clip(chosen) + "'");
        }
        return new HistoryQuery(blankToNull(service), blankToNull(metric), chosen, from, to);
    }

    private static String choose(Duration range, List<String> resolutions) {
        for (String resolution : resolutions) {
            Duration size = size(resolution);
            if (size != null && range.dividedBy(size) <= 1000) {
                return resolution;
            }
        }
        return resolutions.get(resolutions.size() - 1);
    }

    private static Duration size(String resolution) {
        try {
            return Json.parseDuration(resolution);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
