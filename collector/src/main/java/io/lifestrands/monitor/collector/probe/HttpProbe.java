package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.schema.Names;
import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GETs a health URL: latency, status code, the body's {@code status} as label {@code health}, the running instance
 * as label {@code instance_id} (the body's {@code instance_id}, else its {@code started_at}: a new value means the
 * service restarted), the body's top-level numbers (e.g. {@code active_sessions}, {@code queue_size}) and the
 * numbers at the target's JSON pointers as metrics. Down on connection failure, timeout, an unexpected status
 * (default: 5xx) or a status word that means not working.
 */
final class HttpProbe implements Probe {

    private static final Pattern METRIC_NAME = Names.ID;
    /** Label naming the process that answered; the processor's {@code service_restart} watches it change. */
    static final String INSTANCE_LABEL = "instance_id";
    /** Body fields that identify the running instance, in order of preference. */
    private static final List<String> INSTANCE_FIELDS = List.of("instance_id", "started_at");
    private static final Set<String> NOT_METRICS = Set.of("timestamp", "ts", "time", "uptime_since", "instance_id",
            "started_at");
    private static final int MAX_BODY_METRICS = 32;
    private static final int MAX_LABEL_LENGTH = 128;

    private final String host;
    private final Target target;
    private final URI uri;
    private final JsonHttp http;
    private final Map<String, JsonPointer> pointers = new LinkedHashMap<>();

    HttpProbe(String host, Target target, URI uri, JsonHttp http) {
        this.host = host;
        this.target = target;
        this.uri = uri;
        this.http = http;
        target.metrics().forEach((name, pointer) -> {
            try {
                pointers.put(name, JsonPointer.compile(pointer));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("metrics." + name + " of target '" + target.id()
                        + "' must be a JSON pointer such as /stats/active_sessions, was '" + pointer + "'", e);
            }
        });
    }

    @Override
    public String service() {
        return target.id();
    }

    @Override
    public Sample probe(Instant now) {
        long start = System.nanoTime();
        try {
            JsonHttp.Reply reply = http.get(uri, target.timeout());
            return sample(now, Probe.elapsedMs(start), reply);
        } catch (IOException e) {
            return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), e,
                    ProbeErrors.describe(e, uri.getHost()), target.labels());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), "interrupted", target.labels());
        }
    }

    private Sample sample(Instant now, double latencyMs, JsonHttp.Reply reply) {
        String health = reply.text("status").map(HttpProbe::clipLabel).orElse(null);
        boolean expected = target.expects(reply.status());
        boolean up = expected && (health == null || HealthStatus.working(health));
        String error = !expected ? unexpected(reply.status()) : up ? null : "reports status '" + health + "'";
        Map<String, String> labels = new HashMap<>(target.labels());
        if (health != null) {
            labels.put("health", health);
        }
        reply.body().flatMap(HttpProbe::instance).ifPresent(instance -> labels.put(INSTANCE_LABEL, instance));
        return new Sample(Sample.VERSION, SampleKind.PROBE, host, target.id(), now, up, latencyMs, reply.status(),
                error, metrics(reply), labels);
    }

    private String unexpected(int status) {
        return "HTTP " + status + (target.expectedStatus().isEmpty() ? "" : ", expected "
                + target.expectedStatus());
    }

    private Map<String, Double> metrics(JsonHttp.Reply reply) {
        Map<String, Double> metrics = new HashMap<>(reply.body().map(HttpProbe::bodyNumbers).orElse(Map.of()));
        pointers.forEach((name, pointer) -> reply.numberAt(pointer).ifPresent(v -> metrics.put(name, v)));
        return metrics;
    }

    private static Map<String, Double> bodyNumbers(JsonNode body) {
        Map<String, Double> metrics = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (metrics.size() == MAX_BODY_METRICS) {
                break;
            }
            JsonNode value = field.getValue();
            if (value.isNumber() && Double.isFinite(value.asDouble()) && !NOT_METRICS.contains(field.getKey())
                    && METRIC_NAME.matcher(field.getKey()).matches()) {
                metrics.put(field.getKey(), value.asDouble());
            }
        }
        return metrics;
    }

    /** The first instance field of the body that is a non-blank string or a whole number, as text. */
    private static Optional<String> instance(JsonNode body) {
        for (String field : INSTANCE_FIELDS) {
            JsonNode value = body.get(field);
            if (value != null && value.isString() && !value.asString().isBlank()) {
                return Optional.of(clipLabel(value.asString().strip()));
            }
            if (value != null && value.isIntegralNumber()) {
                return Optional.of(value.bigIntegerValue().toString());
            }
        }
        return Optional.empty();
    }

    static String clipLabel(String value) {
        return value.length() <= MAX_LABEL_LENGTH ? value : value.substring(0, MAX_LABEL_LENGTH);
    }
}
