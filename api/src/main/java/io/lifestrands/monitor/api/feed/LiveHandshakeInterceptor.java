package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.schema.json.Json;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@code /ws/monitor} handshake before it is upgraded: the read token when required ({@code ?token=} or
 * {@code Authorization: Bearer}), the session limit, and the query parameters {@code types}, {@code services},
 * {@code last_seq} and {@code stream}, which become the session's subscription and resume request.
 */
final class LiveHandshakeInterceptor implements HandshakeInterceptor {

    private final LiveSettings live;
    private final MonitorSocketHandler handler;

    LiveHandshakeInterceptor(LiveSettings live, MonitorSocketHandler handler) {
        this.live = live;
        this.handler = handler;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler wsHandler, Map<String, Object> attributes) throws IOException {
        MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        if (live.requireToken() && !authorized(request, query)) {
            return reject(response, HttpStatus.UNAUTHORIZED, "a valid token is required (?token= or "
                    + "Authorization: Bearer)");
        }
        if (handler.sessionCount() >= live.maxSessions()) {
            return reject(response, HttpStatus.SERVICE_UNAVAILABLE, "too many WebSocket clients, at most "
                    + live.maxSessions());
        }
        try {
            attributes.put(MonitorSocketHandler.SUBSCRIPTION,
                    Subscription.of(list(query, "types"), list(query, "services")));
            String lastSeq = first(query, "last_seq");
            if (lastSeq != null) {
                attributes.put(MonitorSocketHandler.RESUME_SEQ, parseSeq(lastSeq));
                attributes.put(MonitorSocketHandler.RESUME_STREAM, first(query, "stream"));
            }
        } catch (IllegalArgumentException e) {
            return reject(response, HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return true;
    }

    private boolean authorized(ServerHttpRequest request, MultiValueMap<String, String> query) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : first(query, "token");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                live.token().getBytes(StandardCharsets.UTF_8));
    }

    private static long parseSeq(String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("last_seq must be a number >= 0, was '" + abbreviate(text) + "'");
        }
    }

    private static List<String> list(MultiValueMap<String, String> query, String name) {
        List<String> values = new ArrayList<>();
        for (String value : query.getOrDefault(name, List.of())) {
            if (value != null) {
                for (String part : UriUtils.decode(value, StandardCharsets.UTF_8).split(",")) {
                    values.add(part);
                }
            }
        }
        return values;
    }

    private static String first(MultiValueMap<String, String> query, String name) {
        String value = query.getFirst(name);
        return value == null ? null : UriUtils.decode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private boolean reject(ServerHttpResponse response, HttpStatus status, String detail) throws IOException {
        handler.rejectedHandshake();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(Json.encode(ProblemDetail.forStatusAndDetail(status, detail)));
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                               Exception exception) {
    }
}
