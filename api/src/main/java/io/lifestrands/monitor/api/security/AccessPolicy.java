package io.lifestrands.monitor.api.security;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which role a request needs, from its method and path alone, so endpoints added later are covered without
 * annotations: every {@code /debug} path, {@code /alerts/config}, Alertmanager's {@code /api/v2},
 * {@code /maintenance} and every non-read
 * method needs an operator; reads of the configured public paths need nothing; every other read needs a viewer.
 */
final class AccessPolicy {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final List<String> OPERATOR_PREFIXES = List.of("/debug", "/alerts/config", "/api/v2",
            "/maintenance");

    private final List<PathPattern> publicReads;

    AccessPolicy(List<String> publicReads) {
        PathPatternParser parser = new PathPatternParser();
        this.publicReads = publicReads.stream().map(parser::parse).toList();
    }

    ApiTokens.Role required(String method, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String prefix : OPERATOR_PREFIXES) {
            if (lower.equals(prefix) || lower.startsWith(prefix + "/")) {
                return ApiTokens.Role.OPERATOR;
            }
        }
        if (!READS.contains(method.toUpperCase(Locale.ROOT))) {
            return ApiTokens.Role.OPERATOR;
        }
        PathContainer container = PathContainer.parsePath(path);
        return publicReads.stream().anyMatch(pattern -> pattern.matches(container))
                ? ApiTokens.Role.NONE : ApiTokens.Role.VIEWER;
    }
}
