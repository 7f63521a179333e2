package io.lifestrands.monitor.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Checks the bearer token of every request against {@link AccessPolicy}: 401 without a valid token where one is
 * needed, 403 when the token's role is too low. Sets {@link #PRINCIPAL} to the caller's name.
 */
public final class TokenAuthFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated caller's name, or {@code anonymous}. */
    public static final String PRINCIPAL = "monitor.principal";
    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final AccessPolicy policy;

    TokenAuthFilter(ApiTokens tokens, AccessPolicy policy) {
        this.tokens = tokens;
        this.policy = policy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiTokens.Role required = policy.required(request.getMethod(), Problems.path(request));
        Optional<ApiTokens.Caller> caller = presented(request).flatMap(tokens::caller);
        request.setAttribute(PRINCIPAL, caller.map(ApiTokens.Caller::name).orElse("anonymous"));
        if (required == ApiTokens.Role.NONE) {
            chain.doFilter(request, response);
            return;
        }
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"monitor\"");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "a valid bearer token is required for "
                    + request.getMethod() + " on this path");
            return;
        }
        if (caller.get().role().compareTo(required) < 0) {
            Problems.write(response, HttpStatus.FORBIDDEN, "the token's role " + caller.get().role()
                    + " may not " + request.getMethod() + " this path; it needs " + required);
            return;
        }
        chain.doFilter(request, response);
    }

    private static Optional<String> presented(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = header.substring(BEARER.length()).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
