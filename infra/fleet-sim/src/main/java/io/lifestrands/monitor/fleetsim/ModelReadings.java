package io.lifestrands.monitor.fleetsim;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The GPU model service: {@code /health}, {@code /status} and {@code /vram}, with VRAM usage, tokens per second and
 * an occasional switch between the chat and the summary model.
 */
final class ModelReadings implements Readings {

    static final long TOTAL_VRAM_BYTES = 24L * 1024 * 1024 * 1024;
    static final String PLATFORM = "windows-vulkan";
    private static final double SWITCH_PROBABILITY = 0.005;

    private final Random random;
    private final Clock clock;
    private final Drift vramUsed;
    private final Drift tokensPerSecond;
    private final Drift activeGenerations;
    private final Drift queueDepth;
    private final Drift loadSeconds;
    private String modelType = "chat";
    private Instant lastLoad;
    private double lastLoadSeconds;

    ModelReadings(Random random, Clock clock) {
        this.random = random;
        this.clock = clock;
        this.vramUsed = new Drift(random, 18.5e9, 0.08e9, 14e9, 21.5e9);
        this.tokensPerSecond = new Drift(random, 38.4, 0.8, 20, 55);
        this.activeGenerations = new Drift(random, 1.5, 0.4, 0, 6);
        this.queueDepth = new Drift(random, 2, 0.5, 0, 30);
        this.loadSeconds = new Drift(random, 12, 1, 6, 30);
        this.lastLoad = clock.instant();
        this.lastLoadSeconds = loadSeconds.nextRounded();
    }

    @Override
    public Map<String, Function<Fault, Map<String, Object>>> routes() {
        return Map.of("/health", fault -> health(), "/status", this::status, "/vram", this::vram);
    }

    private Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("service", "model_service");
        body.put("timestamp", clock.instant().toString());
        body.put("platform", PLATFORM);
        body.put("model_loaded", true);
        body.put("current_model_type", currentModel());
        return body;
    }

    private Map<String, Object> status(Fault fault) {
        long used = usedBytes(fault);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "model_service");
        body.put("platform", PLATFORM);
        body.put("current_model_type", currentModel());
        body.put("active_generation_count", activeGenerations.nextCount());
        body.put("queue_depth", queueDepth.nextCount());
        synchronized (this) {
            body.put("last_load_time", lastLoad.toString());
            body.put("last_load_duration_s", lastLoadSeconds);
        }
        body.put("tokens_per_second", tokensPerSecond.nextRounded());
        body.put("gpu_stats", Map.of("used_memory", used, "total_memory", TOTAL_VRAM_BYTES));
        return body;
    }

    private Map<String, Object> vram(Fault fault) {
        long used = usedBytes(fault);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("used_bytes", used);
        body.put("total_bytes", TOTAL_VRAM_BYTES);
        body.put("free_bytes", TOTAL_VRAM_BYTES - used);
        body.put("used_pct", Math.round(used * 10000.0 / TOTAL_VRAM_BYTES) / 100.0);
        return body;
    }

    private long usedBytes(Fault fault) {
        double normal = vramUsed.next();
        if (fault == Fault.VRAM_SPIKE) {
            return Math.round(TOTAL_VRAM_BYTES * (0.972 + 0.02 * random.nextDouble()));
        }
        return Math.round(normal);
    }

    /** The loaded model, now and then swapped as the real service does when summary work queues up. */
    private synchronized String currentModel() {
        if (random.nextDouble() < SWITCH_PROBABILITY) {
            modelType = modelType.equals("chat") ? "summary" : "chat";
            lastLoad = clock.instant();
            lastLoadSeconds = loadSeconds.nextRounded();
        }
        return modelType;
    }
}
