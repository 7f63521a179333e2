package io.lifestrands.monitor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago; the caller binds it soon after. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /**
     * Checks that nothing listens on {@code port} yet.
     *
     * @param setting what the operator changes to move it, named in the error (e.g. {@code MONITOR_KAFKA_PORT})
     * @throws IllegalStateException naming the port and the setting when it is taken
     */
    public static void requireFree(int port, String setting) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is already in use; stop what listens there or set "
                    + setting + " to another port");
        }
    }
}
