package io.lifestrands.monitor.api.feed;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /debug/websocket-stats}: sessions and delivery counters of the live feed. */
@RestController
class SocketStatsController {

    private final MonitorSocketHandler handler;

    SocketStatsController(MonitorSocketHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/debug/websocket-stats")
    SocketStatsView stats() {
        return handler.stats();
    }
}
