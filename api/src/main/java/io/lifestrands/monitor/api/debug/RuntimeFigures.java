package io.lifestrands.monitor.api.debug;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The api process's own figures: request timings from Micrometer and JVM resources. */
@Component
class RuntimeFigures {

    private static final String HTTP_TIMER = "http.server.requests";

    private final MeterRegistry registry;
    private final Clock clock;

    RuntimeFigures(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** @param uri the route template, e.g. {@code /health/{service}} */
    record RequestStats(String method, String uri, String status, long count, double meanMs, double maxMs) {
    }

    /** Per route, method and status since start, busiest first. */
    List<RequestStats> requestStats() {
        List<RequestStats> stats = new ArrayList<>();
        for (Timer timer : registry.find(HTTP_TIMER).timers()) {
            stats.add(new RequestStats(timer.getId().getTag("method"), timer.getId().getTag("uri"),
                    timer.getId().getTag("status"), timer.count(), timer.mean(TimeUnit.MILLISECONDS),
                    timer.max(TimeUnit.MILLISECONDS)));
        }
        stats.sort(Comparator.comparingLong(RequestStats::count).reversed());
        return stats;
    }

    Map<String, Object> resources() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", clock.instant());
        body.put("heap_used_bytes", memory.getHeapMemoryUsage().getUsed());
        body.put("heap_max_bytes", memory.getHeapMemoryUsage().getMax());
        body.put("non_heap_used_bytes", memory.getNonHeapMemoryUsage().getUsed());
        body.put("threads", threads.getThreadCount());
        body.put("available_processors", os.getAvailableProcessors());
        body.put("system_load_average", os.getSystemLoadAverage());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            body.put("process_cpu_load", sun.getProcessCpuLoad());
        }
        Map<String, Object> gc = new LinkedHashMap<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc.put(collector.getName(), Map.of("count", collector.getCollectionCount(),
                    "time_ms", collector.getCollectionTime()));
        }
        body.put("gc", gc);
        return body;
    }
}
