package io.lifestrands.monitor.api.anomalies;

import io.lifestrands.monitor.api.security.SecuritySettings;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.AnomalyEpisode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /anomalies}: the paged anomaly episodes and consistency findings in PostgreSQL, open and closed. */
@RestController
class AnomalyController {

    private final AnomalyStore store;
    private final SecuritySettings.Limits limits;

    AnomalyController(AnomalyStore store, SecuritySettings security) {
        this.store = store;
        this.limits = security.limits();
    }

    @GetMapping("/anomalies")
    AnomalyPage anomalies(@RequestParam(required = false) String service,
                          @RequestParam(required = false) String metric,
                          @RequestParam(required = false) String statistic,
                          @RequestParam(required = false) String state,
                          @RequestParam(required = false) String start,
                          @RequestParam(required = false) String end,
                          @RequestParam(required = false) String kind,
                          @RequestParam(required = false) String page,
                          @RequestParam(required = false) String size) {
        AnomalyFilter filter = AnomalyFilter.parse(service, metric, statistic, state, start, end, kind);
        int pageNumber = RequestParams.intInRange("page", page, 0, 0, 1_000_000);
        int pageSize = RequestParams.intInRange("size", size, Math.min(50, limits.maxPageSize()), 1,
                limits.maxPageSize());
        return new AnomalyPage(pageNumber, pageSize, store.count(filter), store.page(filter, pageNumber, pageSize));
    }

    /** @param total episodes matching the filter over all pages */
    record AnomalyPage(int page, int size, long total, List<AnomalyEpisode> anomalies) {

        AnomalyPage {
            anomalies = List.copyOf(anomalies);
        }
    }
}
