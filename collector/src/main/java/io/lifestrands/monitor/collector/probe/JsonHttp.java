package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.schema.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** GETs that finish within their timeout, body included, and read the body as JSON when it is JSON. */
final class JsonHttp {

    static final int MAX_BODY_BYTES = 256 * 1024;

    private final HttpClient client;

    JsonHttp(HttpClient client) {
        this.client = client;
    }

    /** A response: the status code and the JSON body, empty when the body is not JSON. */
    record Reply(int status, Optional<JsonNode> body) {

        Optional<String> text(String field) {
            return body.map(b -> b.get(field)).filter(JsonNode::isString).map(JsonNode::asString);
        }

        /** The number at a JSON pointer such as {@code /stats/active_sessions}, when the body has one there. */
        Optional<Double> numberAt(JsonPointer pointer) {
            return body.map(b -> b.at(pointer)).filter(JsonNode::isNumber).map(JsonNode::asDouble)
                    .filter(Double::isFinite);
        }

        Optional<Double> number(String field) {
            return body.map(b -> b.get(field)).filter(JsonNode::isNumber).map(JsonNode::asDouble)
                    .filter(Double::isFinite);
        }
    }

    /**
     * Starts a GET that completes, normally or with an exception, within {@code timeout}; a request still running
     * then is cancelled, which closes its connection.
     */
    CompletableFuture<Reply> fetch(URI uri, Duration timeout) {
        return fetchBytes(uri, timeout, "application/json", MAX_BODY_BYTES)
                .thenApply(raw -> new Reply(raw.status(), parse(raw.body())));
    }

    /** A response as bytes: the status code and at most the limit of the body. */
    record RawReply(int status, byte[] body) {
    }

    /** Like {@link #fetch}, for any body format, reading at most {@code limitBytes}. */
    CompletableFuture<RawReply> fetchBytes(URI uri, Duration timeout, String accept, int limitBytes) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", accept)
                .header("User-Agent", "lifestrands-monitor-collector")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> send =
                client.sendAsync(request, info -> new LimitedBody(limitBytes));
        CompletableFuture<RawReply> reply = send.thenApply(response -> new RawReply(response.statusCode(),
                response.body()));
        reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            if (e != null) {
                send.cancel(true);
            }
        });
        return reply;
    }

    /** {@link #fetch} and wait. */
    Reply get(URI uri, Duration timeout) throws IOException, InterruptedException {
        return await(fetch(uri, timeout), timeout);
    }

    /** {@link #fetchBytes} and wait. */
    RawReply getBytes(URI uri, Duration timeout, String accept, int limitBytes)
            throws IOException, InterruptedException {
        return await(fetchBytes(uri, timeout, accept, limitBytes), timeout);
    }

    private static <T> T await(CompletableFuture<T> reply, Duration timeout)
            throws IOException, InterruptedException {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            throw asIoException(e.getCause(), timeout);
        } catch (InterruptedException e) {
            reply.cancel(true);
            throw e;
        }
    }

    static IOException asIoException(Throwable cause, Duration timeout) {
        if (cause instanceof TimeoutException) {
            return new HttpTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(cause);
    }

    private static Optional<JsonNode> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(body)).filter(JsonNode::isObject);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
