package io.lifestrands.monitor.api.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A PostgreSQL location as JDBC wants it, parsed from {@code DATABASE_URL}.
 *
 * <p>Accepts {@code postgresql://user:pass@host:port/db?params}, {@code postgres://...} and
 * {@code jdbc:postgresql://...} (with or without user info). User and password in the URL win; the separate values
 * fill in what the URL lacks.
 *
 * @param user     may be null (the driver then uses its defaults or the URL's query parameters)
 * @param password may be null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final int DEFAULT_PORT = 5432;

    /**
     * @throws IllegalArgumentException when the URL is not a PostgreSQL URL; the message never contains the
     *                                  password
     */
    public static DatabaseUrl parse(String url, String fallbackUser, String fallbackPassword) {
        String text = url.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        String withoutJdbc = lower.startsWith("jdbc:") ? text.substring(5) : text;
        String scheme = withoutJdbc.contains(":") ? withoutJdbc.substring(0, withoutJdbc.indexOf(':'))
                .toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or "
                    + "jdbc:postgresql://, had scheme '" + scheme + "'");
        }
        URI uri;
        try {
            uri = new URI(withoutJdbc);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL at index " + e.getIndex());
        }
        if (uri.getHost() == null) {
            if (lower.startsWith("jdbc:")) {
                // e.g. a multi-host JDBC URL: the driver understands it, so pass it through untouched
                return new DatabaseUrl(text, fallbackUser, fallbackPassword);
            }
            throw new IllegalArgumentException("DATABASE_URL must name a host");
        }
        String user = fallbackUser;
        String password = fallbackPassword;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : fallbackPassword;
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + path + query, user, password);
    }

    private static String decode(String text) {
        // URI user info is percent-encoded only; a literal '+' stays a plus, unlike form encoding
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? null : "***")
                + "]";
    }
}
