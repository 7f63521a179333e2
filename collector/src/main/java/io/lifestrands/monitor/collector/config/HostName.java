package io.lifestrands.monitor.collector.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** The machine's name as a service-id-safe string, for {@code host-id} and {@code host:<host-id>}. */
final class HostName {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,120}");

    private HostName() {
    }

    static String local() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            name = System.getenv("COMPUTERNAME");
        }
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = "localhost";
            }
        }
        String safe = name.trim().replaceAll("[^A-Za-z0-9_.\\-]", "-");
        return safe.length() > 120 ? safe.substring(0, 120) : safe;
    }

    static void check(String key, String value) {
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " must match " + ID.pattern() + ", was '" + value + "'");
        }
    }
}
