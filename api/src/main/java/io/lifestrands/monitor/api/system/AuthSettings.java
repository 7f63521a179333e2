package io.lifestrands.monitor.api.system;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.stream.Stream;

/**
 * Bearer-token auth ({@code monitor.api.auth.*}).
 *
 * @param token         {@code MONITOR_API_TOKEN}: full access; generated at start when no token is configured
 * @param operatorToken optional second token with full access (mutations, {@code /debug}, {@code /alerts/config})
 * @param viewerToken   optional token for reads only
 * @param publicReads   path patterns whose GET/HEAD needs no token (health and status by default)
 * @param tokenFile     where a generated token is written, readable by the owner only
 */
@Validated
@ConfigurationProperties("monitor.api.auth")
public record AuthSettings(String token, String operatorToken, String viewerToken, List<String> publicReads,
                           @NotBlank String tokenFile) {

    /** Shortest token accepted: a guessable token is worse than none, which generates one. */
    static final int MIN_TOKEN_LENGTH = 16;

    public AuthSettings {
        token = blankToNull(token);
        operatorToken = blankToNull(operatorToken);
        viewerToken = blankToNull(viewerToken);
        publicReads = publicReads == null ? List.of() : List.copyOf(publicReads);
    }

    // a rule on the three values rather than @Size on each, so that a refused token is never shown in the message
    @AssertTrue(message = "token, operator-token and viewer-token must be at least " + MIN_TOKEN_LENGTH
            + " characters")
    boolean isTokensLongEnough() {
        return Stream.of(token, operatorToken, viewerToken)
                .allMatch(t -> t == null || t.length() >= MIN_TOKEN_LENGTH);
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
