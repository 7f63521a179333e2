package io.lifestrands.monitor.bench;

import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded, realistic samples: the fleet's services answering probes and pushed requests with log-normal latencies
 * and rare outliers, about one in ten carrying GPU and queue readings, a few failing.
 */
final class SampleFactory {

    static final String[] FLEET = {"gateway", "model_service", "chat_service", "npc_service", "summary_service"};

    private final Random random;
    private final String[] services;

    /**
     * @param seed     seed of every choice
     * @param services number of distinct service ids: up to 5 are the fleet's names, more get numbered ids
     */
    SampleFactory(long seed, int services) {
        this.random = new Random(seed);
        this.services = new String[services];
        for (int i = 0; i < services; i++) {
            this.services[i] = services <= FLEET.length ? FLEET[i] : "svc-" + i;
        }
    }

    /** A request or probe sample of a random service at {@code ts}. */
    Sample next(Instant ts) {
        return next(services[random.nextInt(services.length)], ts);
    }

    /** A pushed request outcome (kind {@code request}, as {@code /ingest} takes) of a random service at {@code ts}. */
    Sample pushed(Instant ts) {
        Sample sample = next(ts);
        return new Sample(sample.v(), SampleKind.REQUEST, sample.host(), sample.service(), sample.ts(), sample.up(),
                sample.latencyMs(), sample.statusCode(), sample.error(), sample.metrics(), sample.labels());
    }

    /** A request or probe sample of {@code service} at {@code ts}. */
    Sample next(String service, Instant ts) {
        boolean up = random.nextDouble() >= 0.02;
        double latency = latencyMs(random, 40);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        SampleKind kind = SampleKind.REQUEST;
        if (random.nextInt(10) == 0) {
            kind = SampleKind.PROBE;
            metrics.put("vram_used_pct", 40 + 50 * random.nextDouble());
            metrics.put("tokens_per_second", 20 + 30 * random.nextDouble());
            metrics.put("queue_depth", (double) random.nextInt(20));
            labels.put("model_type", "llama");
        }
        labels.put("instance_id", "i-" + random.nextInt(4));
        return new Sample(Sample.VERSION, kind, "bench-host", service, ts, up, latency, up ? 200 : 503,
                up ? null : "upstream timeout", metrics, labels);
    }

    /** A probe sample of {@code service} with its latency and three readings: four series. */
    Sample withReadings(String service, Instant ts) {
        Map<String, Double> metrics = Map.of("vram_used_pct", 40 + 50 * random.nextDouble(),
                "tokens_per_second", 20 + 30 * random.nextDouble(), "queue_depth", (double) random.nextInt(20));
        return new Sample(Sample.VERSION, SampleKind.PROBE, "bench-host", service, ts, true, latencyMs(random, 40),
                200, null, metrics, Map.of("model_type", "llama"));
    }

    /**
     * Log-normal around {@code medianMs} (sigma 0.5) with 1 % outliers 5-50 times slower: a heavy right tail.
     */
    static double latencyMs(Random random, double medianMs) {
        double ms = medianMs * Math.exp(0.5 * random.nextGaussian());
        if (random.nextDouble() < 0.01) {
            ms *= 5 + 45 * random.nextDouble();
        }
        return ms;
    }
}
