package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The GPU model service: its {@code /health} as an {@link HttpProbe}, then {@code /status} and {@code /vram} side
 * by side for VRAM, tokens per second, active generations, queue depth, the last model load and the loaded model
 * (label {@code model_type}; when it differs from the previous probe's, label {@code model_switched_from} names the
 * old one). A failing detail call leaves the sample up (the health check answered) and names the failure in label
 * {@code detail_error}.
 */
final class ModelProbe implements Probe {

    private final Target target;
    private final HttpProbe health;
    private final JsonHttp http;
    private String lastModelType;

    ModelProbe(Target target, HttpProbe health, JsonHttp http) {
        this.target = target;
        this.health = health;
        this.http = http;
    }

    @Override
    public String service() {
        return target.id();
    }

    @Override
    public Sample probe(Instant now) {
        Sample sample = health.probe(now);
        if (!sample.up()) {
            return sample;
        }
        CompletableFuture<JsonHttp.Reply> status = http.fetch(target.resolve("/status"), target.timeout());
        CompletableFuture<JsonHttp.Reply> vram = http.fetch(target.resolve("/vram"), target.timeout());
        Map<String, Double> metrics = new HashMap<>(sample.metrics());
        Map<String, String> labels = new HashMap<>(sample.labels());
        StringBuilder detailErrors = new StringBuilder();
        read("/status", status, detailErrors, reply -> readStatus(reply, metrics, labels));
        read("/vram", vram, detailErrors, reply -> readVram(reply, metrics));
        if (!detailErrors.isEmpty()) {
            labels.put("detail_error", HttpProbe.clipLabel(detailErrors.toString()));
        }
        noteSwitch(labels);
        return sample.with(metrics, labels);
    }

    private synchronized void noteSwitch(Map<String, String> labels) {
        String modelType = labels.get("model_type");
        if (modelType == null) {
            return;
        }
        if (lastModelType != null && !lastModelType.equals(modelType)) {
            labels.put("model_switched_from", lastModelType);
        }
        lastModelType = modelType;
    }

    private static void read(String path, CompletableFuture<JsonHttp.Reply> call, StringBuilder errors,
                             Consumer<JsonHttp.Reply> reader) {
        try {
            JsonHttp.Reply reply = call.join();
            if (reply.status() >= 400 || reply.body().isEmpty()) {
                append(errors, path + ": HTTP " + reply.status() + (reply.body().isEmpty() ? " without JSON" : ""));
            } else {
                reader.accept(reply);
            }
        } catch (CompletionException e) {
            append(errors, path + ": " + ProbeErrors.describe(e));
        }
    }

    private static void append(StringBuilder errors, String error) {
        errors.append(errors.isEmpty() ? "" : "; ").append(error);
    }

    private static void readStatus(JsonHttp.Reply status, Map<String, Double> metrics, Map<String, String> labels) {
        status.number("tokens_per_second").ifPresent(v -> metrics.put("tokens_per_second", v));
        status.number("active_generation_count").ifPresent(v -> {
            metrics.put("active_requests", v);
            metrics.put("active_generation_count", v);
        });
        status.body().map(b -> b.get("last_load_time")).flatMap(ModelProbe::epochSeconds)
                .ifPresent(v -> metrics.put("last_load_epoch_s", v));
        status.number("last_load_duration_s").ifPresent(v -> metrics.put("last_load_duration_s", v));
        status.number("queue_depth").ifPresent(v -> metrics.put("queue_depth", v));
        status.text("current_model_type").map(HttpProbe::clipLabel).ifPresent(v -> labels.put("model_type", v));
        status.text("platform").map(HttpProbe::clipLabel).ifPresent(v -> labels.put("platform", v));
        // /vram is more precise, but if it fails the status's gpu_stats still tell the memory
        Optional<JsonNode> gpu = status.body().map(b -> b.get("gpu_stats")).filter(JsonNode::isObject);
        gpu.ifPresent(g -> putVram(metrics, number(g, "used_memory"), number(g, "total_memory")));
    }

    private static void readVram(JsonHttp.Reply vram, Map<String, Double> metrics) {
        putVram(metrics, vram.number("used_bytes"), vram.number("total_bytes"));
        vram.number("used_pct").ifPresent(v -> metrics.put("vram_used_pct", v));
    }

    private static void putVram(Map<String, Double> metrics, Optional<Double> used, Optional<Double> total) {
        used.ifPresent(v -> metrics.put("vram_used_bytes", v));
        total.ifPresent(v -> metrics.put("vram_total_bytes", v));
        if (used.isPresent() && total.isPresent() && total.get() > 0 && !metrics.containsKey("vram_used_pct")) {
            metrics.put("vram_used_pct", Math.round(used.get() * 10_000 / total.get()) / 100.0);
        }
    }

    /**
     * {@code last_load_time} in epoch seconds: a number is taken as epoch seconds, a string as ISO-8601 with an
     * offset ({@code 2026-01-01T00:00:00Z}, {@code ...+01:00}) or without one (UTC, as Python's
     * {@code datetime.isoformat()} writes it), or as a number in text; anything else is left out.
     */
    static Optional<Double> epochSeconds(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asDouble()).filter(Double::isFinite);
        }
        if (!value.isString()) {
            return Optional.empty();
        }
        String text = value.asString().strip();
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
                    LocalDateTime::from);
            Instant instant = parsed instanceof OffsetDateTime at ? at.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return Optional.of(instant.toEpochMilli() / 1000.0);
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Double.parseDouble(text)).filter(Double::isFinite);
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Double> number(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::isNumber).map(JsonNode::asDouble)
                .filter(Double::isFinite);
    }
}
