package io.magicvl.device.loopback;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One open service stream of a {@link LoopbackConnection}. Incoming WRTE payloads are queued
 * for {@link #input()}; {@link #write} sends WRTE messages with stop-and-wait flow control,
 * waiting for the host's OKAY before the next one.
 */
final class LoopbackStream {
    private static final byte[] END = new byte[0];

    private final LoopbackConnection connection;
    private final int localId;
    private final int remoteId;
    private final BlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    private final Semaphore sendCredit = new Semaphore(1);
    private final InputStream input = new QueueInput();
    private volatile boolean closed;

    LoopbackStream(LoopbackConnection connection, int localId, int remoteId) {
        this.connection = connection;
        this.localId = localId;
        this.remoteId = remoteId;
    }

    int localId() {
        return localId;
    }

    /** Bytes the host wrote to this stream; ends when the host closes it or the connection drops. */
    InputStream input() {
        return input;
    }

    void deliver(byte[] payload) {
        if (payload.length > 0) {
            incoming.add(payload);
        }
    }

    void acknowledged() {
        sendCredit.release();
    }

    /** Marks the stream closed by the host (or by a dropped connection) without sending CLSE. */
    void closedByPeer() {
        closed = true;
        incoming.add(END);
        sendCredit.release();
    }

    boolean isClosed() {
        return closed;
    }

    /** Sends {@code bytes} to the host in WRTE messages no larger than the host accepts. */
    synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            awaitCredit();
            if (closed) {
                throw new IOException("stream " + localId + " was closed by the host");
            }
            int chunk = Math.min(end - position, connection.maxWritePayload());
            byte[] payload = new byte[chunk];
            System.arraycopy(bytes, position, payload, 0, chunk);
            connection.send(new AdbMessage(AdbMessage.WRTE, localId, remoteId, payload));
            position += chunk;
        }
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Sends CLSE once and removes the stream from its connection. */
    void close() {
        synchronized (this) {
            if (closed) {
                connection.forget(this);
                return;
            }
            closed = true;
        }
        incoming.add(END);
        try {
            connection.send(new AdbMessage(AdbMessage.CLSE, localId, remoteId, new byte[0]));
        } catch (IOException e) {
            // The connection is already closed, so no peer can receive the CLSE.
        }
        connection.forget(this);
    }

    private void awaitCredit() throws IOException {
        try {
            while (!sendCredit.tryAcquire(1, TimeUnit.SECONDS)) {
                if (closed || connection.isDead()) {
                    throw new IOException("stream " + localId + " closed while waiting for the host's OKAY");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the host's OKAY");
        }
    }

    private final class QueueInput extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    byte[] next = incoming.take();
                    if (next == END) {
                        ended = true;
                        return -1;
                    }
                    current = next;
                    position = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading stream " + localId);
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
