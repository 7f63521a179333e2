package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.api.system.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /metrics} and {@code GET /metrics/{service}}: current metrics from the live state. */
@RestController
class MetricsController {

    private final MetricsView view;

    MetricsController(MetricsView view) {
        this.view = view;
    }

    @GetMapping("/metrics")
    MetricsSnapshot metrics() {
        return view.current();
    }

    @GetMapping("/metrics/{service}")
    ServiceMetrics service(@PathVariable String service) {
        return view.current(service).orElseThrow(() -> new NotFoundException("unknown service '" + service + "'"));
    }
}
