package io.magicvl.device.adb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to an adb server speaking the smart-socket protocol: requests are four hex
 * digits of length followed by the payload, and responses start with {@code OKAY} or
 * {@code FAIL} plus a hex-length reason.
 */
public final class AdbSocket implements Closeable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "adb-write-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private AdbSocket(Socket socket, Duration writeTimeout) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65536));
        this.out = new BufferedOutputStream(new StallGuard(socket, socket.getOutputStream(), writeTimeout), 65536);
    }

    /** Closes the socket when one write to it takes longer than the timeout. */
    private static final class StallGuard extends FilterOutputStream {
        private final Socket socket;
        private final long timeoutMillis;

        StallGuard(Socket socket, OutputStream out, Duration timeout) {
            super(out);
            this.socket = socket;
            this.timeoutMillis = timeout.toMillis();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ScheduledFuture<?> alarm = WATCHDOG.schedule(this::abort, timeoutMillis, TimeUnit.MILLISECONDS);
            try {
                out.write(bytes, offset, length);
            } catch (SocketException e) {
                throw new IOException("adb write stalled or failed after " + timeoutMillis + " ms: " + e.getMessage(), e);
            } finally {
                alarm.cancel(false);
            }
        }

        private void abort() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is the whole point; a second failure changes nothing.
            }
        }
    }

    /**
     * Connects to {@code address} with the given connect and read timeouts. A write that
     * stalls for longer than the read timeout (the server stopped reading) closes the socket,
     * so the writer fails instead of blocking forever.
     */
    public static AdbSocket open(AdbServerAddress address, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new AdbSocket(socket, readTimeout.isZero() ? Duration.ofMinutes(10) : readTimeout);
        } catch (IOException e) {
            socket.close();
            throw new IOException("Cannot reach the adb server at " + address + " (" + e.getMessage()
                    + "). Start it with 'adb -P " + address.port() + " start-server' or pass --adb HOST:PORT.", e);
        }
    }

    /** Sends {@code request} and reads the {@code OKAY}; a {@code FAIL} becomes an exception. */
    public void request(String request) throws IOException {
        byte[] payload = request.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 0xFFFF) {
            throw new IOException("adb request is longer than 65535 bytes: " + payload.length);
        }
        out.write(String.format("%04x", payload.length).getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        readStatus(request);
    }

    /** Reads {@code OKAY} or throws the {@code FAIL} reason. */
    public void readStatus(String request) throws IOException {
        String status = readAscii(4);
        if (status.equals("OKAY")) {
            return;
        }
        if (status.equals("FAIL")) {
            throw new AdbFailureException(request, readHexString());
        }
        throw new IOException("adb request '" + request + "' got an unexpected response '" + status + "'");
    }

    /** Reads a four-hex-digit length and that many bytes of UTF-8 text. */
    public String readHexString() throws IOException {
        int length = Integer.parseInt(readAscii(4), 16);
        return new String(readFully(length), StandardCharsets.UTF_8);
    }

    /** Reads everything until the server closes the connection. */
    public byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Reads exactly {@code length} bytes. */
    public byte[] readFully(int length) throws IOException {
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new EOFException("adb connection closed while " + length + " bytes were expected");
        }
        return bytes;
    }

    String readAscii(int length) throws IOException {
        return new String(readFully(length), StandardCharsets.US_ASCII);
    }

    /** Changes the read timeout; zero waits forever. */
    public void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    public DataInputStream input() {
        return in;
    }

    public OutputStream output() {
        return out;
    }

    /** Returns the raw input stream, for services that stream until close. */
    public InputStream rawInput() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
