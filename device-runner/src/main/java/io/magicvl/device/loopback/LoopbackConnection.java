package io.magicvl.device.loopback;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device side of one adb transport connection: responds to CNXN without AUTH, accepts OPEN
 * for the shell, exec and sync services, acknowledges every WRTE and routes payloads to the
 * stream they belong to.
 */
final class LoopbackConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackConnection.class);

    /** Version 0x01000001 lets the host skip the payload checksum. */
    static final int VERSION = 0x01000001;
    /** Largest payload this device accepts from the host. */
    static final int MAX_DATA = 256 * 1024;
    /** The CNXN payload must fit in 4096 bytes before the peer's limit is known. */
    private static final int MAX_CNXN_PAYLOAD = 4096;

    private final LoopbackDevice device;
    private final Socket socket;
    private final OutputStream out;
    private final Map<Integer, LoopbackStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger nextLocalId = new AtomicInteger(1);
    private volatile int hostMaxData = MAX_CNXN_PAYLOAD;
    private volatile boolean dead;

    LoopbackConnection(LoopbackDevice device, Socket socket) throws IOException {
        this.device = device;
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 65536);
    }

    @Override
    public void run() {
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
            while (!dead) {
                handle(AdbMessage.read(in, Math.max(MAX_DATA, MAX_CNXN_PAYLOAD)));
            }
        } catch (EOFException | SocketException e) {
            LOG.debug("loopback connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (IOException e) {
            LOG.warn("loopback connection from {} dropped: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            kill();
        }
    }

    private void handle(AdbMessage message) throws IOException {
        switch (message.command()) {
            case AdbMessage.CNXN -> {
                hostMaxData = Math.max(MAX_CNXN_PAYLOAD, message.arg1());
                byte[] banner = device.banner().getBytes(StandardCharsets.UTF_8);
                send(new AdbMessage(AdbMessage.CNXN, VERSION, MAX_DATA, banner));
            }
            case AdbMessage.OPEN -> open(message.arg0(), serviceName(message.payload()));
            case AdbMessage.WRTE -> {
                LoopbackStream stream = streams.get(message.arg1());
                if (stream != null) {
                    stream.deliver(message.payload());
                    send(new AdbMessage(AdbMessage.OKAY, stream.localId(), message.arg0(), new byte[0]));
                }
            }
            case AdbMessage.OKAY -> {
                LoopbackStream stream = streams.get(message.arg1());
                if (stream != null) {
                    stream.acknowledged();
                }
            }
            case AdbMessage.CLSE -> {
                LoopbackStream stream = streams.remove(message.arg1());
                if (stream != null) {
                    stream.closedByPeer();
                }
            }
            case AdbMessage.AUTH, AdbMessage.STLS -> throw new IOException(
                    "host sent " + message.commandName() + ", which this device does not implement");
            default -> throw new IOException(String.format("unknown adb command 0x%08x", message.command()));
        }
    }

    private void open(int remoteId, String service) throws IOException {
        LoopbackService handler = LoopbackService.forName(service, device);
        if (remoteId == 0 || handler == null) {
            LOG.debug("loopback device refuses service '{}'", service);
            send(new AdbMessage(AdbMessage.CLSE, 0, remoteId, new byte[0]));
            return;
        }
        LoopbackStream stream = new LoopbackStream(this, nextLocalId.getAndIncrement(), remoteId);
        streams.put(stream.localId(), stream);
        send(new AdbMessage(AdbMessage.OKAY, stream.localId(), remoteId, new byte[0]));
        Thread worker = new Thread(() -> {
            try {
                handler.serve(stream, this);
            } catch (IOException e) {
                LOG.debug("loopback service '{}' ended with {}", service, e.toString());
            } catch (RuntimeException e) {
                LOG.warn("loopback service '{}' failed", service, e);
            } finally {
                stream.close();
            }
        }, "loopback-" + stream.localId());
        worker.setDaemon(true);
        worker.start();
    }

    private static String serviceName(byte[] payload) {
        int length = payload.length;
        while (length > 0 && payload[length - 1] == 0) {
            length--;
        }
        return new String(payload, 0, length, StandardCharsets.UTF_8);
    }

    /** Largest WRTE payload the host accepts from this device. */
    int maxWritePayload() {
        return Math.min(hostMaxData, MAX_DATA);
    }

    synchronized void send(AdbMessage message) throws IOException {
        if (dead) {
            throw new IOException("loopback connection is closed");
        }
        message.write(out);
        out.flush();
    }

    void forget(LoopbackStream stream) {
        streams.remove(stream.localId());
    }

    boolean isDead() {
        return dead;
    }

    /** Drops the TCP connection at once, as a cable pull would. */
    void kill() {
        dead = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing loopback socket: {}", e.toString());
        }
        for (LoopbackStream stream : streams.values()) {
            stream.closedByPeer();
        }
        streams.clear();
        device.connectionClosed(this);
    }
}
