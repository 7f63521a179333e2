package io.lifestrands.monitor.collector.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Picks series of a scrape: {@code name} or {@code name{label="value",...}} with equality matchers only. A selector
 * matching several series (e.g. one per status code) yields their sum.
 *
 * @param name   the series name
 * @param labels labels the series must carry with exactly these values
 */
record SeriesSelector(String name, Map<String, String> labels) {

    SeriesSelector {
        labels = Map.copyOf(labels);
    }

    /**
     * @throws IllegalArgumentException when the text is not a name with optional {@code {label="value"}} matchers
     */
    static SeriesSelector parse(String text) {
        String trimmed = text.strip();
        int brace = trimmed.indexOf('{');
        String name = brace < 0 ? trimmed : trimmed.substring(0, brace);
        Map<String, String> labels = new LinkedHashMap<>();
        boolean valid = !name.isEmpty() && Exposition.parseLine(name + " 0") != null;
        if (valid && brace >= 0) {
            valid = Exposition.parseLabels(trimmed, brace + 1, labels) == trimmed.length();
        }
        if (!valid) {
            throw new IllegalArgumentException("series selector must be name or name{label=\"value\",...}, was '"
                    + text + "'");
        }
        return new SeriesSelector(name, labels);
    }

    boolean matches(Exposition.Series series) {
        if (!series.name().equals(name)) {
            return false;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!label.getValue().equals(series.labels().get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
