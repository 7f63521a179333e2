package io.lifestrands.monitor.collector.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition format (version 0.0.4), read line by line: {@code name{label="value",...} value
 * [timestamp]}; comments, blank lines and lines that do not parse are skipped.
 */
final class Exposition {

    /** One series with its current value. */
    record Series(String name, Map<String, String> labels, double value) {
    }

    private Exposition() {
    }

    static List<Series> parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Series parsed = parseLine(trimmed);
            if (parsed != null) {
                series.add(parsed);
            }
        }
        return series;
    }

    /** One sample line, or null when it is not one. */
    static Series parseLine(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = parseLabels(line, i + 1, labels);
            if (i < 0) {
                return null;
            }
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            return null;
        }
        try {
            return new Series(name, labels, parseValue(rest[0]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses {@code a="x",b="y"}} from {@code i}; returns the index after the closing brace, or -1. */
    static int parseLabels(String text, int start, Map<String, String> labels) {
        int i = start;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '}') {
                return i + 1;
            }
            int nameStart = i;
            while (i < text.length() && isNameChar(text.charAt(i))) {
                i++;
            }
            if (i == nameStart || i + 1 >= text.length() || text.charAt(i) != '=' || text.charAt(i + 1) != '"') {
                return -1;
            }
            String label = text.substring(nameStart, i);
            StringBuilder value = new StringBuilder();
            i += 2;
            while (i < text.length() && text.charAt(i) != '"') {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                i++;
            }
            if (i >= text.length()) {
                return -1;
            }
            labels.put(label, value.toString());
            i++;
        }
        return -1;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }
}
