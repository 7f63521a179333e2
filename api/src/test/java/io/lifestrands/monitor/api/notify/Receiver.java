package io.lifestrands.monitor.api.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A real HTTP receiver on loopback standing in for Slack or a webhook: records every request and answers what the
 * test scripted ({@link #answer}), 200 by default.
 */
final class Receiver implements AutoCloseable {

    /** One received request. */
    record Request(String path, String body, Map<String, List<String>> headers, Instant at) {
    }

    /** What to answer to the n-th request (from 1) matching a test. */
    interface Script {
        Answer answer(Request request, int n);
    }

    record Answer(int status, Map<String, String> headers) {
        static Answer of(int status) {
            return new Answer(status, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Script script = (request, n) -> Answer.of(200);
    private volatile Predicate<Request> scripted = request -> true;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers requests matching {@code which} by {@code script}; every other request gets 200. */
    void answer(Predicate<Request> which, Script script) {
        this.scripted = which;
        this.script = script;
    }

    /** Answers 200 to everything again. */
    void reset() {
        answer(request -> true, (request, n) -> Answer.of(200));
    }

    /** Forgets the requests received so far. */
    synchronized void clear() {
        requests.clear();
    }

    List<Request> requests(String path, String containing) {
        return requests.stream().filter(r -> r.path().equals(path) && r.body().contains(containing)).toList();
    }

    List<Request> all() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request request = new Request(exchange.getRequestURI().getPath(), body,
                Map.copyOf(exchange.getRequestHeaders()), Instant.now());
        Answer answer;
        synchronized (this) {
            requests.add(request);
            Predicate<Request> which = scripted;
            int n = (int) requests.stream().filter(which).count();
            answer = which.test(request) ? script.answer(request, n) : Answer.of(200);
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
