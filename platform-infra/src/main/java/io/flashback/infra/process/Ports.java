package io.flashback.infra.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Port checks for local infrastructure. */
public final class Ports {

    private Ports() {
    }

    /** A port nobody listens on right now (the OS picks it). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new InfrastructureException("no free port on the loopback interface", e);
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a clear message when something already listens on the port. */
    public static void requireFree(int port, String purpose) {
        if (isListening(port)) {
            throw new InfrastructureException("port " + port + " (" + purpose + ") is already in use: "
                    + "stop what uses it or choose another port");
        }
    }

    /** Polls a condition until it holds; fails with the message after the timeout. */
    public static void await(BooleanSupplier condition, Duration timeout, ChildProcess process, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null) {
                process.requireAlive();
            }
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfrastructureException("interrupted while waiting for " + what, e);
            }
        }
        throw new InfrastructureException(what + " not ready after " + timeout.toSeconds() + " s"
                + (process == null ? "" : "; see " + process.logFile()));
    }
}
