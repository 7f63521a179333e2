package io.lifestrands.monitor.collector.probe;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Short, stable error texts for failed probes, so operators see "connection refused" rather than a stack trace. */
public final class ProbeErrors {

    static final int MAX_LENGTH = 500;

    private ProbeErrors() {
    }

    /** One line describing why a probe failed. */
    public static String describe(Throwable error) {
        Throwable e = unwrap(error);
        String text;
        if (e instanceof HttpConnectTimeoutException) {
            text = "connect timed out";
        } else if (e instanceof HttpTimeoutException || e instanceof java.util.concurrent.TimeoutException) {
            text = "timed out" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } else if (e instanceof SocketTimeoutException || hasCause(e, SocketTimeoutException.class)) {
            text = "timed out" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } else if (hasCause(e, ConnectException.class) || hasCause(e, ClosedChannelException.class)) {
            text = "connection refused";
        } else if (e instanceof UnknownHostException) {
            text = "unknown host " + e.getMessage();
        } else {
            text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return clip(text);
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

    /** Whether the error or anything in its cause chain (suppressed ones included, as Jedis reports) is a type. */
    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            for (Throwable suppressed : c.getSuppressed()) {
                if (suppressed != c && hasCause(suppressed, type)) {
                    return true;
                }
            }
        }
        return false;
    }
}
