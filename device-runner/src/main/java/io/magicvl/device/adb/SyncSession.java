package io.magicvl.device.adb;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The client side of the adb sync sub-protocol (v1): every message is a four-letter id and a
 * little-endian u32, then a payload. {@link #close()} sends {@code QUIT}.
 */
public final class SyncSession implements AutoCloseable {
    /** Largest DATA payload a sync v1 peer accepts. */
    public static final int MAX_DATA = 64 * 1024;

    private final AdbSocket socket;
    private final String device;

    SyncSession(AdbSocket socket, String device) {
        this.socket = socket;
        this.device = device;
    }

    /** Returns mode, size and mtime of {@code remotePath}; all zero when it does not exist. */
    public SyncStat stat(String remotePath) throws IOException {
        writeRequest("STAT", remotePath);
        DataInputStream in = socket.input();
        String id = readId(in);
        if (!id.equals("STAT")) {
            throw new IOException("sync STAT " + remotePath + " on " + device + ": unexpected response " + id);
        }
        int mode = readU32(in);
        long size = Integer.toUnsignedLong(readU32(in));
        long mtime = Integer.toUnsignedLong(readU32(in));
        return new SyncStat(mode, size, mtime);
    }

    /** Lists the entries of the directory {@code remotePath}. */
    public List<SyncEntry> list(String remotePath) throws IOException {
        writeRequest("LIST", remotePath);
        DataInputStream in = socket.input();
        List<SyncEntry> entries = new ArrayList<>();
        while (true) {
            String id = readId(in);
            int mode = readU32(in);
            long size = Integer.toUnsignedLong(readU32(in));
            long mtime = Integer.toUnsignedLong(readU32(in));
            int nameLength = readU32(in);
            if (id.equals("DONE")) {
                return entries;
            }
            if (!id.equals("DENT")) {
                throw new IOException("sync LIST " + remotePath + " on " + device + ": unexpected response " + id);
            }
            String name = new String(socket.readFully(nameLength), StandardCharsets.UTF_8);
            if (!name.equals(".") && !name.equals("..")) {
                entries.add(new SyncEntry(name, new SyncStat(mode, size, mtime)));
            }
        }
    }

    /**
     * Sends {@code local} to {@code remotePath} with Unix permission bits {@code mode}. The
     * device responds once, after {@code DONE}; a {@code FAIL} becomes an {@link AdbFailureException}.
     *
     * @param progress receives the number of bytes sent so far, may be null
     */
    public void send(Path local, String remotePath, int mode, LongConsumer progress) throws IOException {
        long mtime = Files.getLastModifiedTime(local).toMillis() / 1000;
        try (InputStream input = Files.newInputStream(local)) {
            send(input, remotePath, mode, mtime, progress);
        }
    }

    /** Sends the bytes of {@code input} to {@code remotePath}; see {@link #send(Path, String, int, LongConsumer)}. */
    public void send(InputStream input, String remotePath, int mode, long mtimeSeconds, LongConsumer progress)
            throws IOException {
        writeRequest("SEND", remotePath + "," + (0100000 | (mode & 07777)));
        OutputStream out = socket.output();
        byte[] buffer = new byte[MAX_DATA];
        long sent = 0;
        int read;
        while ((read = input.readNBytes(buffer, 0, buffer.length)) > 0) {
            writeHeader(out, "DATA", read);
            out.write(buffer, 0, read);
            sent += read;
            if (progress != null) {
                progress.accept(sent);
            }
        }
        writeHeader(out, "DONE", (int) mtimeSeconds);
        out.flush();
        DataInputStream in = socket.input();
        String id = readId(in);
        int length = readU32(in);
        if (id.equals("FAIL")) {
            throw new AdbFailureException("sync SEND " + remotePath, new String(socket.readFully(length), StandardCharsets.UTF_8));
        }
        if (!id.equals("OKAY")) {
            throw new IOException("sync SEND " + remotePath + " on " + device + ": unexpected response " + id);
        }
    }

    /** Copies {@code remotePath} from the device to {@code local}. */
    public void recv(String remotePath, Path local) throws IOException {
        writeRequest("RECV", remotePath);
        DataInputStream in = socket.input();
        try (OutputStream out = Files.newOutputStream(local)) {
            while (true) {
                String id = readId(in);
                int length = readU32(in);
                switch (id) {
                    case "DATA" -> out.write(socket.readFully(length));
                    case "DONE" -> {
                        return;
                    }
                    case "FAIL" -> throw new AdbFailureException(
                            "sync RECV " + remotePath, new String(socket.readFully(length), StandardCharsets.UTF_8));
                    default -> throw new IOException(
                            "sync RECV " + remotePath + " on " + device + ": unexpected response " + id);
                }
            }
        }
    }

    /** Sends {@code QUIT} and closes the connection. */
    @Override
    public void close() throws IOException {
        try {
            writeHeader(socket.output(), "QUIT", 0);
            socket.output().flush();
        } catch (IOException e) {
            // The device may already be gone; closing the socket below is all that is left.
        } finally {
            socket.close();
        }
    }

    private void writeRequest(String id, String path) throws IOException {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 1024) {
            throw new IOException("sync path longer than 1024 bytes: " + path);
        }
        OutputStream out = socket.output();
        writeHeader(out, id, bytes.length);
        out.write(bytes);
        out.flush();
    }

    static void writeHeader(OutputStream out, String id, int value) throws IOException {
        out.write(id.getBytes(StandardCharsets.US_ASCII));
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private static String readId(DataInputStream in) throws IOException {
        byte[] id = new byte[4];
        in.readFully(id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    private static int readU32(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }
}
