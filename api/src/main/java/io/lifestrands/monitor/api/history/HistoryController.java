package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.schema.MetricWindow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /metrics/history}: stored windows from PostgreSQL with a merged summary per series. */
@RestController
class HistoryController {

    private final HistoryStore store;
    private final HistorySettings settings;
    private final Clock clock;

    HistoryController(HistoryStore store, HistorySettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/metrics/history")
    HistoryResponse history(@RequestParam(required = false) String service,
                            @RequestParam(required = false) String metric,
                            @RequestParam(required = false) String resolution,
                            @RequestParam(required = false) String start,
                            @RequestParam(required = false) String end) {
        HistoryQuery query = HistoryQuery.parse(service, metric, resolution, start, end,
                settings.resolutions(), clock.instant());
        int limit = settings.maxWindows();
        List<MetricWindow> windows = store.windows(query.resolution(), query.start(), query.end(), query.service(),
                query.metric(), limit + 1);
        if (windows.size() > limit) {
            throw new BadRequestException("the range holds more than " + limit + " windows at resolution "
                    + query.resolution() + "; narrow it, name a service and metric, or use a coarser resolution");
        }
        return new HistoryResponse(query.resolution(), query.start(), query.end(), series(windows));
    }

    static List<HistoryResponse.Series> series(List<MetricWindow> windows) {
        Map<String, List<MetricWindow>> bySeries = new LinkedHashMap<>();
        windows.forEach(w -> bySeries.computeIfAbsent(w.service() + "/" + w.metric(), k -> new ArrayList<>()).add(w));
        return bySeries.values().stream()
                .map(list -> new HistoryResponse.Series(list.get(0).service(), list.get(0).metric(),
                        Summary.of(list), list))
                .toList();
    }
}
