package org.nqpf.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy of the tests' own, for cutting a client off its server (a database, a broker) and letting it back:
 * listens on a free port of the loopback interface and forwards every connection to the target. {@link #cut()} closes
 * every open connection and refuses new ones (accepted, then closed at once: what a client sees of a server that went
 * away) until {@link #restore()}.
 *
 * <pre>{@code
 * TcpProxy proxy = TcpProxy.start("localhost", 5432);
 * String url = "jdbc:postgresql://localhost:" + proxy.port() + "/db";
 * proxy.cut(); ... proxy.restore();
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final String name;
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.name = "tcp-proxy-" + SEQUENCE.incrementAndGet() + "-" + server.getLocalPort();
        Thread acceptor = new Thread(this::accept, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port forwarding to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) {
        try {
            return new TcpProxy(targetHost, targetPort);
        }
        catch (IOException e) {
            throw new IllegalStateException("could not open a proxy port for " + targetHost + ":" + targetPort, e);
        }
    }

    /** The loopback port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    public boolean isCut() {
        return cut;
    }

    /** Connections open through the proxy now (each counts once, whatever its direction). */
    public int openConnections() {
        return open.size() / 2;
    }

    /** Connections refused while cut, since the proxy started: proof that a client tried during the cut. */
    public int refusedConnections() {
        return refused.get();
    }

    /** Closes every connection through the proxy and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
        log.info("{}: cut from {}:{}", name, targetHost, targetPort);
    }

    /** Lets connections through again. */
    public void restore() {
        cut = false;
        log.info("{}: restored to {}:{}", name, targetHost, targetPort);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            }
            catch (IOException e) {
                if (!closed) {
                    log.warn("{}: accept failed: {}", name, e.getMessage());
                }
                return;
            }
            if (cut) {
                // The port stays open (it is the test's), but nothing gets through: the client sees a reset.
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            Socket target;
            try {
                target = new Socket(targetHost, targetPort);
            }
            catch (IOException e) {
                log.warn("{}: target {}:{} refused: {}", name, targetHost, targetPort, e.getMessage());
                reset(client);
                continue;
            }
            try {
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
            }
            catch (SocketException ignored) {
                // latency only
            }
            open.add(client);
            open.add(target);
            if (cut) { // cut while we connected: do not let this one slip through
                closeQuietly(client);
                closeQuietly(target);
                open.remove(client);
                open.remove(target);
                continue;
            }
            pump(client, target, "up");
            pump(target, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
            catch (IOException ignored) {
                // closed by cut() or by either side: the other side is closed below
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, name + "-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST rather than FIN: a refused connection, not a polite goodbye
        }
        catch (SocketException ignored) {
            // closed anyway
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        }
        catch (IOException ignored) {
            // going away
        }
        cut();
    }
}
