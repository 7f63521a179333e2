package io.lifestrands.monitor.processor.alert;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The identity of an alert: a 64-bit FNV-1a hash of rule name, service and sorted labels, as 16 hex digits. */
public final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xff;
    private static final HexFormat HEX = HexFormat.of();

    private Fingerprint() {
    }

    public static String of(String rule, String service, Map<String, String> labels) {
        long hash = OFFSET;
        hash = add(hash, rule);
        hash = add(hash, service);
        // one label or none is already in order; only more need sorting
        Map<String, String> sorted = labels.size() < 2 ? labels : new TreeMap<>(labels);
        for (Map.Entry<String, String> label : sorted.entrySet()) {
            hash = add(hash, label.getKey());
            hash = add(hash, label.getValue());
        }
        return HEX.toHexDigits(hash);
    }

    private static long add(long hash, String text) {
        // 0xff never occurs in UTF-8, so ("ab", "c") and ("a", "bc") hash apart
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * PRIME;
        }
        return (hash ^ (SEPARATOR & 0xff)) * PRIME;
    }
}
