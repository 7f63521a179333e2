package io.lifestrands.monitor.api.history;

import io.lifestrands.monitor.api.maintenance.MaintenanceBook;
import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.schema.MaintenanceCalendar;
import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.schema.Resolution;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /metrics/history}: stored windows from PostgreSQL with a merged summary per series, and for probe series
 * the availability with maintenance windows left out.
 */
@RestController
class HistoryController {

    private final HistoryStore store;
    private final HistorySettings settings;
    private final MaintenanceBook maintenance;
    private final Clock clock;

    HistoryController(HistoryStore store, HistorySettings settings, MaintenanceBook maintenance, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    @GetMapping("/metrics/history")
    HistoryResponse history(@RequestParam(required = false) String service,
                            @RequestParam(required = false) String metric,
                            @RequestParam(required = false) String resolution,
                            @RequestParam(required = false) String start,
                            @RequestParam(required = false) String end,
                            @RequestParam(required = false) String fill) {
        HistoryQuery query = HistoryQuery.parse(service, metric, resolution, start, end,
                settings.resolutions(), clock.instant());
        int limit = settings.maxWindows();
        List<MetricWindow> windows = store.windows(query.resolution(), query.start(), query.end(), query.service(),
                query.metric(), limit + 1);
        if (windows.size() > limit) {
            throw new BadRequestException("the range holds more than " + limit + " windows at resolution "
                    + query.resolution() + "; narrow it, name a service and metric, or use a coarser resolution");
        }
        GapFill gapFill = null;
        if (fill != null && !fill.isBlank()) {
            try {
                gapFill = GapFill.parse(fill);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        List<HistoryResponse.Series> series = series(windows, gapFill, step(query.resolution()),
                maintenance.calendar());
        long points = windows.size() + series.stream().mapToLong(s -> s.filled() == null ? 0 : s.filled().size()).sum();
        if (points > limit) {
            throw new BadRequestException("filling the gaps would give more than " + limit + " points at resolution "
                    + query.resolution() + "; narrow the range or use a coarser resolution");
        }
        return new HistoryResponse(query.resolution(), query.start(), query.end(), series);
    }

    static List<HistoryResponse.Series> series(List<MetricWindow> windows) {
        return series(windows, null, Duration.ofMinutes(1), MaintenanceCalendar.of(List.of()));
    }

    private static List<HistoryResponse.Series> series(List<MetricWindow> windows, GapFill fill, Duration step,
                                                       MaintenanceCalendar calendar) {
        Map<String, List<MetricWindow>> bySeries = new LinkedHashMap<>();
        windows.forEach(w -> bySeries.computeIfAbsent(w.service() + "/" + w.metric(), k -> new ArrayList<>()).add(w));
        return bySeries.values().stream()
                .map(list -> seriesOf(list, fill, step, calendar))
                .toList();
    }

    private static HistoryResponse.Series seriesOf(List<MetricWindow> stored, GapFill fill, Duration step,
                                                   MaintenanceCalendar calendar) {
        List<MetricWindow> converted = stored.stream().map(MetricWindow::inMetricUnit).toList();
        String sketchUnit = stored.stream().filter(w -> w.unit() != null && !w.unit().isEmpty())
                .map(MetricWindow::unit).distinct().collect(Collectors.joining(","));
        String metric = stored.get(0).metric();
        Availability availability = metric.equals(Names.PROBE_LATENCY_MS) ? Availability.of(stored, calendar) : null;
        return new HistoryResponse.Series(stored.get(0).service(), metric, Names.sourceOf(metric).orElse(null),
                Summary.of(stored), availability, converted, sketchUnit.isEmpty() ? null : sketchUnit,
                fill == null ? null : fill.fill(converted, step));
    }

    private static Duration step(String resolution) {
        return Resolution.ofLabel(resolution).map(Resolution::size).orElse(Duration.ofMinutes(1));
    }
}
