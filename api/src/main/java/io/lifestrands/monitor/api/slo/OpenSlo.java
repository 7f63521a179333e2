package io.lifestrands.monitor.api.slo;

import io.lifestrands.monitor.api.system.FieldError;
import io.lifestrands.monitor.schema.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an OpenSLO v1 {@code SLO} document into the fields of an {@code Slo} (docs/api.md lists the subset):
 * {@code metadata.name} is the id, {@code spec.service}, {@code spec.description}, one rolling
 * {@code spec.timeWindow[0].duration}, one objective with {@code target} (or {@code targetPercent}); an objective
 * with {@code op} {@code lte}/{@code lt} and a {@code value} makes a latency SLO with that many milliseconds as its
 * threshold, otherwise it is an availability SLO. An indicator whose {@code metricSource.type} is {@code probes}
 * counts the collectors' probes, any other counts traffic.
 */
final class OpenSlo {

    static final String API_VERSION = "openslo/v1";
    private static final Pattern DURATION = Pattern.compile("(\\d+)([mhdw])");
    private static final int MAX_ALIASES = 10;

    private OpenSlo() {
    }

    /**
     * @param errors gets every problem of the document, each with its OpenSLO path
     * @return the {@code Slo} fields, to be decoded as an {@code Slo}; incomplete when {@code errors} got any
     */
    static ObjectNode read(String yaml, List<FieldError> errors) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        JsonNode doc;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            Object loaded = new Yaml(new SafeConstructor(options)).load(yaml);
            doc = loaded instanceof Map<?, ?> ? Json.MAPPER.valueToTree(loaded) : null;
        } catch (YAMLException e) {
            errors.add(new FieldError("", "is not YAML: " + firstLine(e.getMessage())));
            return out;
        }
        if (doc == null) {
            errors.add(new FieldError("", "must be an OpenSLO SLO document (a YAML mapping)"));
            return out;
        }
        require(API_VERSION.equals(text(doc.path("apiVersion"))), "apiVersion", "must be " + API_VERSION, errors);
        require("SLO".equals(text(doc.path("kind"))), "kind", "must be SLO", errors);
        JsonNode spec = doc.path("spec");
        put(out, "id", doc.path("metadata").path("name"));
        put(out, "service", spec.path("service"));
        put(out, "description", spec.path("description"));
        window(spec.path("timeWindow"), out, errors);
        objective(spec.path("objectives"), out, errors);
        out.put("source", "probes".equals(text(metricSource(spec.path("indicator")).path("type")))
                ? "probes" : "traffic");
        return out;
    }

    private static void window(JsonNode windows, ObjectNode out, List<FieldError> errors) {
        if (!windows.isArray() || windows.size() != 1) {
            errors.add(new FieldError("spec.timeWindow", "must list exactly one time window"));
            return;
        }
        JsonNode window = windows.get(0);
        require(window.path("isRolling").asBoolean(false), "spec.timeWindow[0].isRolling",
                "must be true: only rolling windows are supported", errors);
        Matcher duration = DURATION.matcher(text(window.path("duration")));
        if (!duration.matches()) {
            errors.add(new FieldError("spec.timeWindow[0].duration", "must be a number and m, h, d or w, was '"
                    + text(window.path("duration")) + "'"));
            return;
        }
        long count = Long.parseLong(duration.group(1));
        long hours = switch (duration.group(2)) {
            case "w" -> count * 24 * 7;
            case "d" -> count * 24;
            case "h" -> count;
            default -> -1;
        };
        out.put("window", hours >= 0 ? hours + "h" : count + "m");
    }

    private static void objective(JsonNode objectives, ObjectNode out, List<FieldError> errors) {
        if (!objectives.isArray() || objectives.size() != 1) {
            errors.add(new FieldError("spec.objectives", "must list exactly one objective"));
            return;
        }
        JsonNode objective = objectives.get(0);
        if (objective.path("target").isNumber()) {
            out.put("objective", objective.path("target").asDouble());
        } else if (objective.path("targetPercent").isNumber()) {
            out.put("objective", objective.path("targetPercent").asDouble() / 100);
        } else {
            errors.add(new FieldError("spec.objectives[0].target", "is required (or targetPercent)"));
        }
        String op = text(objective.path("op")).toLowerCase(Locale.ROOT);
        if (op.isEmpty()) {
            out.put("kind", "availability");
        } else if ((op.equals("lte") || op.equals("lt")) && objective.path("value").isNumber()) {
            out.put("kind", "latency");
            out.put("threshold_ms", objective.path("value").asDouble());
        } else {
            errors.add(new FieldError("spec.objectives[0].op", "must be lte or lt with a numeric value (the latency"
                    + " limit in ms), was '" + op + "'"));
        }
    }

    private static JsonNode metricSource(JsonNode indicator) {
        JsonNode spec = indicator.path("spec");
        JsonNode metric = spec.has("thresholdMetric") ? spec.path("thresholdMetric") : spec.path("ratioMetric")
                .path("total");
        return metric.path("metricSource");
    }

    private static void put(ObjectNode out, String field, JsonNode value) {
        if (value.isString()) {
            out.put(field, value.asString());
        }
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    private static void require(boolean holds, String field, String reason, List<FieldError> errors) {
        if (!holds) {
            errors.add(new FieldError(field, reason));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
