package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This host's resources via OSHI: {@code cpu_pct} (busy share since the previous probe), {@code mem_pct},
 * {@code disk_pct} of the file system the collector runs on and {@code disk_pct:<mount>} of every local disk
 * ({@code root} for {@code /}), {@code net_rx_bytes_per_s} / {@code net_tx_bytes_per_s} over all non-loopback
 * interfaces since the previous probe, the 1-minute load average where the OS has one, and GPU memory and
 * utilisation when {@code nvidia-smi} is present.
 */
final class SystemProbe implements Probe {

    private static final Set<String> PSEUDO_FILE_SYSTEMS = Set.of("tmpfs", "devtmpfs", "squashfs", "ramfs",
            "overlayfs-tmp", "efivarfs", "proc", "sysfs", "devpts", "cgroup", "cgroup2", "nsfs");
    private static final int MAX_MOUNTS = 16;

    private final String host;
    private final Target target;
    private final HardwareAbstractionLayer hardware;
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final FileSystem fileSystem;
    private final String platform;
    private final Path disk;
    private final Optional<NvidiaSmi> gpu;
    private long[] previousTicks;
    private long previousRx = -1;
    private long previousTx = -1;
    private long previousNetNanos;

    SystemProbe(String host, Target target, Path disk, Optional<NvidiaSmi> gpu) {
        SystemInfo system = new SystemInfo();
        this.host = host;
        this.target = target;
        this.hardware = system.getHardware();
        this.cpu = hardware.getProcessor();
        this.memory = hardware.getMemory();
        this.fileSystem = system.getOperatingSystem().getFileSystem();
        this.platform = system.getOperatingSystem().getFamily();
        this.disk = disk;
        this.gpu = gpu;
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
        StringBuilder errors = new StringBuilder();
        try {
            FileStore store = Files.getFileStore(disk);
            if (store.getTotalSpace() > 0) {
                metrics.put("disk_pct", used(store.getTotalSpace(), store.getUnallocatedSpace()));
            }
        } catch (IOException e) {
            errors.append("disk: ").append(ProbeErrors.describe(e));
        }
        readMounts(metrics);
        readNetwork(metrics);
        readGpu(metrics, errors);
        Map<String, String> labels = new HashMap<>(target.labels());
        labels.put("platform", HttpProbe.clipLabel(platform));
        if (!errors.isEmpty()) {
            labels.put("detail_error", HttpProbe.clipLabel(errors.toString()));
        }
        return new Sample(Sample.VERSION, SampleKind.PROBE, host, target.id(), now, true, Probe.elapsedMs(start),
                null, null, metrics, labels);
    }

    private void readMounts(Map<String, Double> metrics) {
        int mounts = 0;
        for (OSFileStore store : fileSystem.getFileStores(true)) {
            if (mounts == MAX_MOUNTS) {
                return;
            }
            if (store.getTotalSpace() <= 0 || PSEUDO_FILE_SYSTEMS.contains(store.getType())) {
                continue;
            }
            String mount = store.getMount();
            String name = MetricNames.of("disk_pct", "/".equals(mount) ? "root" : mount.replaceFirst("^/+", ""));
            if (metrics.putIfAbsent(name, used(store.getTotalSpace(), store.getFreeSpace())) == null) {
                mounts++;
            }
        }
    }

    private void readNetwork(Map<String, Double> metrics) {
        long rx = 0;
        long tx = 0;
        for (NetworkIF nif : hardware.getNetworkIFs(false)) {
            if (nif.getName().equals("lo") || nif.getName().startsWith("lo0") || nif.getName().contains("Loopback")) {
                continue;
            }
            rx += nif.getBytesRecv();
            tx += nif.getBytesSent();
        }
        long nanos = System.nanoTime();
        double seconds = (nanos - previousNetNanos) / 1e9;
        if (previousRx >= 0 && seconds > 0 && rx >= previousRx && tx >= previousTx) {
            metrics.put("net_rx_bytes_per_s", round((rx - previousRx) / seconds));
            metrics.put("net_tx_bytes_per_s", round((tx - previousTx) / seconds));
        }
        previousRx = rx;
        previousTx = tx;
        previousNetNanos = nanos;
    }

    private void readGpu(Map<String, Double> metrics, StringBuilder errors) {
        if (gpu.isEmpty()) {
            return;
        }
        try {
            metrics.putAll(gpu.get().read(target.timeout()));
        } catch (IOException e) {
            errors.append(errors.isEmpty() ? "" : "; ").append("gpu: ").append(ProbeErrors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double used(long total, long free) {
        return percent((double) (total - free) / total);
    }

    private static double percent(double fraction) {
        return round(Math.max(0, Math.min(1, Double.isFinite(fraction) ? fraction : 0)) * 100);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
