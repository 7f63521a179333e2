package io.lifestrands.monitor.api.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Bearer-token auth ({@code monitor.api.auth.*}).
 *
 * @param token         {@code MONITOR_API_TOKEN}: full access; generated at start when no token is configured
 * @param operatorToken optional second token with full access (mutations, {@code /debug}, {@code /alerts/config})
 * @param viewerToken   optional token for reads only
 * @param publicReads   path patterns whose GET/HEAD needs no token (health and status by default)
 * @param tokenFile     where a generated token is written, readable by the owner only
 */
@ConfigurationProperties("monitor.api.auth")
public record AuthSettings(String token, String operatorToken, String viewerToken, List<String> publicReads,
                           String tokenFile) {

    public AuthSettings {
        token = blankToNull(token);
        operatorToken = blankToNull(operatorToken);
        viewerToken = blankToNull(viewerToken);
        publicReads = publicReads == null ? List.of() : List.copyOf(publicReads);
        if (tokenFile == null || tokenFile.isBlank()) {
            throw new IllegalArgumentException("monitor.api.auth.token-file is required");
        }
        for (String t : new String[] {token, operatorToken, viewerToken}) {
            if (t != null && t.length() < 16) {
                throw new IllegalArgumentException("monitor.api.auth tokens must be at least 16 characters, one had "
                        + t.length());
            }
        }
    }

    // tokens are secrets: never print them
    @Override
    public String toString() {
        return "AuthSettings[publicReads=" + publicReads + ", tokenFile=" + tokenFile + "]";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
