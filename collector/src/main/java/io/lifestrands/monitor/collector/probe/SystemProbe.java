package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * This host's resources via OSHI: {@code cpu_pct} (busy share since the previous probe), {@code mem_pct},
 * {@code disk_pct} of the file system the collector runs on, and the 1-minute load average where the OS has one.
 */
final class SystemProbe implements Probe {

    private final String host;
    private final Target target;
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final String platform;
    private final Path disk;
    private long[] previousTicks;

    SystemProbe(String host, Target target, Path disk) {
        SystemInfo system = new SystemInfo();
        this.host = host;
        this.target = target;
        this.cpu = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.platform = system.getOperatingSystem().getFamily();
        this.disk = disk;
        this.previousTicks = cpu.getSystemCpuLoadTicks();
    }

    @Override
    public String service() {
        return target.id();
    }

    @Override
    public synchronized Sample probe(Instant now) {
        long start = System.nanoTime();
        Map<String, Double> metrics = new HashMap<>();
        long[] ticks = cpu.getSystemCpuLoadTicks();
        metrics.put("cpu_pct", percent(cpu.getSystemCpuLoadBetweenTicks(previousTicks, ticks)));
        previousTicks = ticks;
        long total = memory.getTotal();
        if (total > 0) {
            metrics.put("mem_pct", percent((double) (total - memory.getAvailable()) / total));
        }
        double load = cpu.getSystemLoadAverage(1)[0];
        if (load >= 0) {
            metrics.put("load_average_1m", round(load));
        }
        metrics.put("cpu_count", (double) cpu.getLogicalProcessorCount());
        String error = null;
        try {
            FileStore store = Files.getFileStore(disk);
            if (store.getTotalSpace() > 0) {
                metrics.put("disk_pct", percent((double) (store.getTotalSpace() - store.getUnallocatedSpace())
                        / store.getTotalSpace()));
            }
        } catch (IOException e) {
            error = "disk: " + ProbeErrors.describe(e);
        }
        Map<String, String> labels = new HashMap<>(target.labels());
        labels.put("platform", HttpProbe.clipLabel(platform));
        if (error != null) {
            labels.put("detail_error", HttpProbe.clipLabel(error));
        }
        return new Sample(Sample.VERSION, SampleKind.PROBE, host, target.id(), now, true, Probe.elapsedMs(start),
                null, null, metrics, labels);
    }

    private static double percent(double fraction) {
        return round(Math.max(0, Math.min(1, Double.isFinite(fraction) ? fraction : 0)) * 100);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
