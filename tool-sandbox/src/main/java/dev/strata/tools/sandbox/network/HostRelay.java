package dev.strata.tools.sandbox.network;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host half of a tool's network allow-list, for one run. For each grant it listens on a Unix socket in the
 * run's private directory (bound read-only into the sandbox at {@value #INSIDE_DIR}); each connection the tool
 * makes there is connected by the JVM to that grant's {@code host:port} and nothing else, the name resolved here
 * on the host. Which socket the tool uses decides the destination, so a tool that bypasses the in-sandbox
 * forwarder and talks to the Unix sockets directly still reaches only its grants. Closing the relay closes the
 * listeners and every connection still open.
 */
public final class HostRelay implements AutoCloseable {
    /** Where the run's socket directory appears inside the sandbox. */
    public static final String INSIDE_DIR = "/run/strata/net";

    private static final int MAX_CONNECTIONS = 64;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final NetworkPlan plan;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean closed;

    private HostRelay(NetworkPlan plan) {
        this.plan = plan;
    }

    /**
     * Listens for each grant of {@code plan} on {@code dir/N.sock}. {@code dir} must be the run's own directory; it
     * is made traversable (not listable) by others because a root JVM drops the sandbox to another uid.
     */
    public static HostRelay open(Path dir, NetworkPlan plan) throws IOException {
        HostRelay relay = new HostRelay(plan);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            for (int i = 0; i < plan.grants().size(); i++) {
                NetworkGrant grant = plan.grants().get(i);
                Path socket = dir.resolve(i + ".sock");
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                relay.listeners.add(server);
                server.bind(UnixDomainSocketAddress.of(socket), 64);
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
                Thread.ofVirtual().name("tool-net-accept-" + grant.target()).start(() -> relay.acceptLoop(server, grant));
            }
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    /** The forwarder's arguments: {@code insideAddress:port:socketPathInsideTheSandbox} per grant. */
    public List<String> forwarderSpecs() {
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < plan.grants().size(); i++) {
            specs.add(plan.grants().get(i).inside() + ":" + INSIDE_DIR + "/" + i + ".sock");
        }
        return specs;
    }

    /** Connections the tool made through the relay. */
    public int connections() {
        return connections.get();
    }

    /** Connections whose destination could not be reached (or that were refused for exceeding the limit). */
    public int failures() {
        return failures.get();
    }

    private void acceptLoop(ServerSocketChannel server, NetworkGrant grant) {
        while (!closed) {
            SocketChannel inside;
            try {
                inside = server.accept();
            } catch (IOException e) {
                return; // closed at the end of the run
            }
            if (open.size() >= 2 * MAX_CONNECTIONS) {
                failures.incrementAndGet();
                closeQuietly(inside);
                continue;
            }
            connections.incrementAndGet();
            open.add(inside);
            Thread.ofVirtual().name("tool-net-" + grant.target()).start(() -> connect(inside, grant));
        }
    }

    private void connect(SocketChannel inside, NetworkGrant grant) {
        Socket outside = new Socket();
        open.add(outside);
        try {
            outside.connect(new InetSocketAddress(grant.host(), grant.port()), CONNECT_TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            closeQuietly(outside);
            closeQuietly(inside);
            return;
        }
        if (closed) {
            closeQuietly(outside);
            closeQuietly(inside);
            return;
        }
        try {
            InputStream fromTool = Channels.newInputStream(inside);
            OutputStream toTool = Channels.newOutputStream(inside);
            Thread up = Thread.ofVirtual().start(() -> copy(fromTool, outside, true));
            copyBack(outside, toTool, inside);
            up.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(outside);
            closeQuietly(inside);
        }
    }

    private static void copy(InputStream from, Socket to, boolean halfClose) {
        try {
            from.transferTo(to.getOutputStream());
            if (halfClose) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            // either side closed: the other copy ends too when the sockets are closed
        }
    }

    private static void copyBack(Socket from, OutputStream to, SocketChannel inside) {
        try {
            from.getInputStream().transferTo(to);
            inside.shutdownOutput();
        } catch (IOException e) {
            // as above
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocketChannel l : listeners) {
            closeQuietly(l);
        }
        for (Closeable c : open) {
            closeQuietly(c);
        }
        open.clear();
    }

    private void closeQuietly(Closeable c) {
        open.remove(c);
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
