package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.schema.Sample;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Short, stable error texts for failed probes, so operators see "connection refused" rather than a stack trace.
 * Every timeout reads {@code timeout: <detail>} ({@link Sample#TIMEOUT_ERROR}), so the processor counts it apart
 * from the other errors ({@link Sample#timedOut()}).
 */
public final class ProbeErrors {

    static final int MAX_LENGTH = 500;

    private ProbeErrors() {
    }

    /** One line describing why a probe failed. */
    public static String describe(Throwable error) {
        Throwable e = unwrap(error);
        Optional<Throwable> timeout = find(e, ProbeErrors::isTimeout);
        String text;
        if (e instanceof HttpConnectTimeoutException) {
            text = timeout("connect timed out");
        } else if (timeout.isPresent()) {
            text = timeout(timeout.get().getMessage());
        } else if (hasCause(e, ConnectException.class) || hasCause(e, ClosedChannelException.class)) {
            text = "connection refused";
        } else if (e instanceof UnknownHostException) {
            text = "unknown host " + e.getMessage();
        } else {
            text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return clip(text);
    }

    /** {@code timeout: <detail>}, or {@code timeout} without a detail. */
    public static String timeout(String detail) {
        return detail == null || detail.isBlank() ? Sample.TIMEOUT_ERROR : Sample.TIMEOUT_ERROR + ": " + detail;
    }

    static String clip(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "…";
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * The JDK's, JDBC's and Kafka's timeouts: {@code SocketTimeoutException}, {@code HttpTimeoutException},
     * {@code java.util.concurrent.TimeoutException}, {@code SQLTimeoutException},
     * {@code org.apache.kafka.common.errors.TimeoutException}, ...; by name, as they share no type.
     */
    private static boolean isTimeout(Throwable e) {
        return e.getClass().getSimpleName().endsWith("TimeoutException");
    }

    /** Whether the error or anything in its cause chain (suppressed ones included, as Jedis reports) is a type. */
    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return find(e, type::isInstance).isPresent();
    }

    /** The first of the error and its cause chain (suppressed ones included) that matches. */
    private static Optional<Throwable> find(Throwable e, Predicate<Throwable> matches) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (matches.test(c)) {
                return Optional.of(c);
            }
            for (Throwable suppressed : c.getSuppressed()) {
                Optional<Throwable> found = suppressed == c ? Optional.empty() : find(suppressed, matches);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
