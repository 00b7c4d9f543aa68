package io.magicvl.device.loopback;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device side of the sync v1 sub-protocol. The host's bytes are one continuous stream
 * whose message boundaries need not match WRTE boundaries; after {@code QUIT} the stream is
 * closed, as adbd does (otherwise {@code adb push} hangs).
 */
final class LoopbackSyncService implements LoopbackService {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackSyncService.class);
    private static final int MAX_DATA = 64 * 1024;

    private final DeviceSandbox sandbox;
    private final LoopbackFaults faults;

    LoopbackSyncService(DeviceSandbox sandbox, LoopbackFaults faults) {
        this.sandbox = sandbox;
        this.faults = faults;
    }

    @Override
    public void serve(LoopbackStream stream, LoopbackConnection connection) throws IOException {
        DataInputStream in = new DataInputStream(stream.input());
        while (true) {
            String id;
            int length;
            try {
                id = readId(in);
                length = readU32(in);
            } catch (EOFException e) {
                return;
            }
            switch (id) {
                case "STAT" -> stat(stream, readPath(in, length));
                case "LIST" -> list(stream, readPath(in, length));
                case "SEND" -> send(stream, connection, in, readPath(in, length));
                case "RECV" -> recv(stream, readPath(in, length));
                case "QUIT" -> {
                    return;
                }
                default -> {
                    fail(stream, "unknown sync request " + id);
                    return;
                }
            }
        }
    }

    private void stat(LoopbackStream stream, String devicePath) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.writeBytes("STAT".getBytes(StandardCharsets.US_ASCII));
        int[] fields = statFields(devicePath);
        for (int field : fields) {
            writeU32(reply, field);
        }
        stream.write(reply.toByteArray());
    }

    private int[] statFields(String devicePath) {
        try {
            Path file = sandbox.map(devicePath);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return new int[] {0, 0, 0};
            }
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return new int[] {mode, (int) Files.size(file), (int) (Files.getLastModifiedTime(file).toMillis() / 1000)};
        } catch (DeviceSandbox.SandboxViolation | IOException | UnsupportedOperationException e) {
            return new int[] {0, 0, 0};
        }
    }

    private void list(LoopbackStream stream, String devicePath) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            Path dir = sandbox.map(devicePath);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                        String name = entry.getFileName().toString();
                        int[] fields = statFields(devicePath + "/" + name);
                        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                        reply.writeBytes("DENT".getBytes(StandardCharsets.US_ASCII));
                        for (int field : fields) {
                            writeU32(reply, field);
                        }
                        writeU32(reply, nameBytes.length);
                        reply.writeBytes(nameBytes);
                    }
                }
            }
        } catch (DeviceSandbox.SandboxViolation e) {
            LOG.debug("sync LIST outside the root: {}", devicePath);
        }
        reply.writeBytes("DONE".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 4; i++) {
            writeU32(reply, 0);
        }
        stream.write(reply.toByteArray());
    }

    private void send(LoopbackStream stream, LoopbackConnection connection, DataInputStream in, String spec)
            throws IOException {
        int comma = spec.lastIndexOf(',');
        String devicePath = comma < 0 ? spec : spec.substring(0, comma);
        int mode = comma < 0 ? 0644 : Integer.parseInt(spec.substring(comma + 1)) & 0777;
        Path target = null;
        String failure = null;
        try {
            target = sandbox.map(devicePath);
            Files.createDirectories(target.getParent());
        } catch (DeviceSandbox.SandboxViolation e) {
            failure = e.getMessage();
        }
        long received = 0;
        OutputStream out = target == null ? OutputStream.nullOutputStream() : Files.newOutputStream(target);
        try (out) {
            while (true) {
                String id = readId(in);
                int length = readU32(in);
                if (id.equals("DONE")) {
                    out.close();
                    if (target != null && failure == null) {
                        Files.setLastModifiedTime(target, FileTime.fromMillis(Integer.toUnsignedLong(length) * 1000));
                        Files.setPosixFilePermissions(target, permissions(mode));
                        if (faults.takeCorrupt(devicePath)) {
                            corrupt(target);
                        }
                    }
                    break;
                }
                if (!id.equals("DATA") || length < 0 || length > MAX_DATA) {
                    throw new IOException("bad sync SEND message " + id + " of " + length + " bytes");
                }
                byte[] chunk = in.readNBytes(length);
                if (chunk.length != length) {
                    throw new EOFException("sync SEND ended inside a DATA chunk");
                }
                out.write(chunk);
                received += length;
                if (faults.takeDrop(devicePath, received)) {
                    LOG.info("loopback device drops the connection after {} bytes of {}", received, devicePath);
                    out.close();
                    if (target != null) {
                        Files.deleteIfExists(target);
                    }
                    connection.kill();
                    throw new EOFException("connection dropped on request");
                }
            }
        } catch (IOException e) {
            if (target != null) {
                Files.deleteIfExists(target); // adbd removes a partial file as well
            }
            throw e;
        }
        if (failure != null) {
            fail(stream, failure);
            return;
        }
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.writeBytes("OKAY".getBytes(StandardCharsets.US_ASCII));
        writeU32(reply, 0);
        stream.write(reply.toByteArray());
    }

    private void recv(LoopbackStream stream, String devicePath) throws IOException {
        Path file;
        try {
            file = sandbox.map(devicePath);
        } catch (DeviceSandbox.SandboxViolation e) {
            fail(stream, e.getMessage());
            return;
        }
        if (!Files.isRegularFile(file)) {
            fail(stream, "No such file or directory: " + devicePath);
            return;
        }
        byte[] buffer = new byte[MAX_DATA];
        try (InputStream input = Files.newInputStream(file)) {
            int read;
            while ((read = input.readNBytes(buffer, 0, buffer.length)) > 0) {
                ByteArrayOutputStream chunk = new ByteArrayOutputStream(read + 8);
                chunk.writeBytes("DATA".getBytes(StandardCharsets.US_ASCII));
                writeU32(chunk, read);
                chunk.write(buffer, 0, read);
                stream.write(chunk.toByteArray());
            }
        }
        ByteArrayOutputStream done = new ByteArrayOutputStream();
        done.writeBytes("DONE".getBytes(StandardCharsets.US_ASCII));
        writeU32(done, 0);
        stream.write(done.toByteArray());
    }

    private static void fail(LoopbackStream stream, String message) throws IOException {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.writeBytes("FAIL".getBytes(StandardCharsets.US_ASCII));
        writeU32(reply, text.length);
        reply.writeBytes(text);
        stream.write(reply.toByteArray());
    }

    private static void corrupt(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            Files.write(file, new byte[] {1});
            return;
        }
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                result.add(order[bit]);
            }
        }
        result.add(PosixFilePermission.OWNER_READ);
        result.add(PosixFilePermission.OWNER_WRITE);
        return result;
    }

    private static String readPath(DataInputStream in, int length) throws IOException {
        if (length < 0 || length > 1024) {
            throw new IOException("sync path length " + length + " is out of range 0..1024");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readId(DataInputStream in) throws IOException {
        byte[] id = new byte[4];
        in.readFully(id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    private static int readU32(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    private static void writeU32(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }
}
