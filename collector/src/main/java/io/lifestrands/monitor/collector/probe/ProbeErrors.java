package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.schema.Sample;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
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
        return describe(error, null);
    }

    /**
     * One line describing why a probe failed.
     *
     * @param host the target's host name, named when the error says it does not resolve without naming it (the
     *             JDK's HTTP client); null when unknown
     */
    public static String describe(Throwable error, String host) {
        Throwable e = unwrap(error);
        Optional<Throwable> timeout = find(e, ProbeErrors::isTimeout);
        Optional<Throwable> unresolved = find(e, ProbeErrors::isUnresolved);
        Optional<Throwable> config = find(e, ProbeErrors::isConfigError);
        String text;
        if (e instanceof HttpConnectTimeoutException) {
            text = timeout("connect timed out");
        } else if (timeout.isPresent()) {
            text = timeout(timeout.get().getMessage());
        } else if (unresolved.isPresent()) {
            String named = unresolved.get().getMessage() != null ? unresolved.get().getMessage() : host;
            text = "unknown host" + (named == null ? "" : " " + named);
        } else if (hasCause(e, ConnectException.class) || hasCause(e, ClosedChannelException.class)) {
            text = "connection refused";
        } else {
            Throwable shown = config.orElse(e);
            text = shown.getClass().getSimpleName() + (shown.getMessage() == null ? "" : ": " + shown.getMessage());
        }
        return clip(text);
    }

    /**
     * Whether the error means the monitor could not perform the check ({@code monitoring_failed}), as opposed to the
     * target answering badly or not at all (refused, timed out: down): the target's host name does not resolve, or
     * the client refused the target's configuration (Kafka's {@code ConfigException}, e.g. "No resolvable bootstrap
     * urls"). A timeout is always the target's.
     */
    public static boolean notPerformed(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof HttpConnectTimeoutException || find(e, ProbeErrors::isTimeout).isPresent()) {
            return false;
        }
        return find(e, ProbeErrors::isUnresolved).isPresent() || find(e, ProbeErrors::isConfigError).isPresent();
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

    /** The JDK's two ways of saying a host name does not resolve: by the resolver, or by a socket channel. */
    private static boolean isUnresolved(Throwable e) {
        return e instanceof UnknownHostException || e instanceof UnresolvedAddressException;
    }

    /** A client's refusal of its configuration, by name: Kafka's {@code org.apache.kafka.common.config}. */
    private static boolean isConfigError(Throwable e) {
        return e.getClass().getSimpleName().equals("ConfigException");
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
