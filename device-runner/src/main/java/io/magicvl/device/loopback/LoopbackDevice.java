package io.magicvl.device.loopback;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device daemon on 127.0.0.1 that the real adb server registers with {@code adb connect
 * 127.0.0.1:PORT}. It speaks the adb device transport (CNXN without AUTH, OPEN/OKAY/WRTE/CLSE),
 * serves shell v2, exec and sync, and runs commands inside a {@link DeviceSandbox}.
 *
 * <p>Tests control battery and thermal values through files under the root and inject
 * failures through {@link #faults()} and {@link #disappear()}.
 */
public final class LoopbackDevice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackDevice.class);

    private final DeviceSandbox sandbox;
    private final LoopbackFaults faults = new LoopbackFaults();
    private final Set<LoopbackConnection> connections = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile boolean stopped;

    private LoopbackDevice(DeviceSandbox sandbox, ServerSocket server) {
        this.sandbox = sandbox;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "loopback-device-" + server.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts a device listening on 127.0.0.1:{@code port} (0 picks a free port) with its file
     * system under {@code root}.
     */
    public static LoopbackDevice start(int port, Path root) throws IOException {
        DeviceSandbox sandbox = new DeviceSandbox(root);
        sandbox.prepare();
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        LoopbackDevice device = new LoopbackDevice(sandbox, server);
        device.acceptor.start();
        LOG.info("loopback device listening on 127.0.0.1:{} with root {}", device.port(), sandbox.root());
        return device;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Returns {@code 127.0.0.1:PORT}, the serial the adb server gives this device. */
    public String serial() {
        return "127.0.0.1:" + port();
    }

    public DeviceSandbox sandbox() {
        return sandbox;
    }

    public LoopbackFaults faults() {
        return faults;
    }

    /** Returns the CNXN banner: device state, product properties and the features the host may use. */
    String banner() {
        // No stat_v2, ls_v2, sendrecv_v2 or delayed_ack: the host then stays on sync v1 and plain OKAYs.
        return "device::ro.product.name=magicvl_loopback;ro.product.model=magicvl_loopback;"
                + "ro.product.device=loopback;features=shell_v2,cmd";
    }

    /** Drops every connection and stops listening, as a phone unplugged mid-run would. */
    public void disappear() {
        LOG.info("loopback device 127.0.0.1:{} disappears", port());
        close();
    }

    /** Drops every open connection but keeps listening, so the adb server can reconnect. */
    public void dropConnections() {
        for (LoopbackConnection connection : connections) {
            connection.kill();
        }
    }

    @Override
    public void close() {
        stopped = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the loopback listener: {}", e.toString());
        }
        dropConnections();
    }

    void connectionClosed(LoopbackConnection connection) {
        connections.remove(connection);
    }

    private void acceptLoop() {
        while (!stopped) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                if (stopped) {
                    socket.close();
                    return;
                }
                LoopbackConnection connection = new LoopbackConnection(this, socket);
                connections.add(connection);
                Thread thread = new Thread(connection, "loopback-connection-" + socket.getPort());
                thread.setDaemon(true);
                thread.start();
            } catch (SocketException e) {
                if (!stopped) {
                    LOG.warn("loopback device stops accepting: {}", e.toString());
                }
                return;
            } catch (IOException e) {
                LOG.warn("loopback device accept failed: {}", e.toString());
            }
        }
    }
}
