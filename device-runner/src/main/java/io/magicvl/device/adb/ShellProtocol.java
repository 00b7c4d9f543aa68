package io.magicvl.device.adb;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Packets of the adb shell protocol v2: a one-byte id, a little-endian u32 length, then the
 * payload. The ids are those of adb's {@code shell_protocol.h}.
 */
public final class ShellProtocol {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int EXIT = 3;
    public static final int CLOSE_STDIN = 4;
    public static final int WINDOW_SIZE_CHANGE = 5;
    public static final int INVALID = 255;

    private ShellProtocol() {}

    /** Encodes one packet. */
    public static byte[] packet(int id, byte[] payload, int offset, int length) {
        byte[] packet = new byte[5 + length];
        packet[0] = (byte) id;
        packet[1] = (byte) length;
        packet[2] = (byte) (length >>> 8);
        packet[3] = (byte) (length >>> 16);
        packet[4] = (byte) (length >>> 24);
        System.arraycopy(payload, offset, packet, 5, length);
        return packet;
    }

    /** Writes one packet and flushes. */
    public static void write(OutputStream out, int id, byte[] payload) throws IOException {
        out.write(packet(id, payload, 0, payload.length));
        out.flush();
    }

    /**
     * Reads packets until the exit packet and returns the collected result. Stdout and stderr
     * packets may be split or coalesced in any way by the transport.
     *
     * @throws EOFException if the stream ends before the exit packet
     */
    public static ShellResult readUntilExit(DataInputStream in) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        while (true) {
            int id = in.read();
            if (id < 0) {
                throw new EOFException("shell stream closed before the exit code arrived (the device may have "
                        + "disconnected); stdout so far: " + stdout.size() + " bytes");
            }
            int length = Integer.reverseBytes(in.readInt());
            if (length < 0) {
                throw new IOException("invalid shell packet length " + Integer.toUnsignedString(length));
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            switch (id) {
                case STDOUT -> stdout.write(payload);
                case STDERR -> stderr.write(payload);
                case EXIT -> {
                    int code = payload.length > 0 ? payload[0] & 0xFF : 255;
                    return new ShellResult(code, stdout.toByteArray(), stderr.toByteArray());
                }
                default -> {
                    // Window-size and other packets carry nothing a batch command needs.
                }
            }
        }
    }
}
