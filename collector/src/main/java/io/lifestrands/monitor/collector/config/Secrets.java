package io.lifestrands.monitor.collector.config;

import java.util.regex.Pattern;

/** Masks passwords in connection strings before they reach a log line, an error or a status page. */
public final class Secrets {

    private static final Pattern USER_INFO = Pattern.compile("(://[^:/@]*:)[^@/]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");

    private Secrets() {
    }

    /** {@code postgresql://app:s3cret@db/x?password=y} becomes {@code postgresql://app:****@db/x?password=****}. */
    public static String mask(String connection) {
        if (connection == null) {
            return "";
        }
        return PASSWORD_PARAM.matcher(USER_INFO.matcher(connection).replaceAll("$1****@")).replaceAll("$1****");
    }
}
