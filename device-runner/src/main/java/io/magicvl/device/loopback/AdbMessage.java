package io.magicvl.device.loopback;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One message of the adb device transport: a 24-byte header of six little-endian u32
 * fields (command, arg0, arg1, payload length, payload byte sum, command XOR 0xFFFFFFFF)
 * followed by the payload.
 */
public record AdbMessage(int command, int arg0, int arg1, byte[] payload) {
    public static final int CNXN = 0x4e584e43;
    public static final int AUTH = 0x48545541;
    public static final int OPEN = 0x4e45504f;
    public static final int OKAY = 0x59414b4f;
    public static final int WRTE = 0x45545257;
    public static final int CLSE = 0x45534c43;
    public static final int STLS = 0x534c5453;

    private static final int HEADER_BYTES = 24;

    /**
     * Reads one message. Only the magic and the length are checked: hosts send a zero
     * checksum once both sides speak version 0x01000001, so the sum is never required.
     *
     * @throws IOException on a bad magic or a payload longer than {@code maxPayload}
     */
    public static AdbMessage read(DataInputStream in, int maxPayload) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        in.readFully(header);
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int command = buffer.getInt();
        int arg0 = buffer.getInt();
        int arg1 = buffer.getInt();
        int length = buffer.getInt();
        buffer.getInt(); // data_check, not required
        int magic = buffer.getInt();
        if (magic != ~command) {
            throw new IOException(String.format("bad adb message magic 0x%08x for command 0x%08x", magic, command));
        }
        if (length < 0 || length > maxPayload) {
            throw new IOException("adb message payload of " + Integer.toUnsignedString(length)
                    + " bytes exceeds the limit of " + maxPayload);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new AdbMessage(command, arg0, arg1, payload);
    }

    /** Writes the message with a correct payload sum, which every host version accepts. */
    public void write(OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(command).putInt(arg0).putInt(arg1).putInt(payload.length).putInt(checksum(payload)).putInt(~command);
        out.write(buffer.array());
        out.write(payload);
    }

    /** Returns the byte-wise sum of {@code payload} (the {@code data_check} field). */
    public static int checksum(byte[] payload) {
        int sum = 0;
        for (byte b : payload) {
            sum += b & 0xFF;
        }
        return sum;
    }

    /** Returns the command as its four ASCII letters, for logs. */
    public String commandName() {
        return new String(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(command).array(),
                StandardCharsets.US_ASCII);
    }
}
