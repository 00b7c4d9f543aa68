package io.magicvl.release.bundle;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds tar archives byte by byte, header field by header field, so tests can write entries
 * that no well-behaved writer produces (absolute names, links, devices, lying sizes).
 */
final class RawTar {
    static final byte FILE = '0';
    static final byte HARD_LINK = '1';
    static final byte SYMLINK = '2';
    static final byte CHAR_DEVICE = '3';
    static final byte BLOCK_DEVICE = '4';
    static final byte DIRECTORY = '5';
    static final byte FIFO = '6';
    static final byte PAX = 'x';

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Adds a regular file. */
    RawTar file(String name, byte[] content) {
        return entry(name, FILE, content, "");
    }

    /** Adds an entry of any type; {@code content} may be empty. */
    RawTar entry(String name, byte type, byte[] content, String linkName) {
        out.writeBytes(header(name, type, content.length, linkName));
        out.writeBytes(content);
        int padding = (512 - content.length % 512) % 512;
        out.writeBytes(new byte[padding]);
        return this;
    }

    /** Adds a PAX extended header whose single record has {@code valueBytes} bytes of value. */
    RawTar paxRecord(String key, int valueBytes) {
        String value = "x".repeat(valueBytes);
        String rest = " " + key + "=" + value + "\n";
        int length = rest.length();
        int digits = Integer.toString(length).length();
        while (Integer.toString(length + digits).length() != digits) {
            digits++;
        }
        String record = (length + digits) + rest;
        return entry("PaxHeaders/bomb", PAX, record.getBytes(StandardCharsets.UTF_8), "");
    }

    /** Returns the archive with its two zero end blocks. */
    byte[] toTar() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(new byte[1024]);
        return copy.toByteArray();
    }

    /** Writes the archive compressed with zstd to {@code file}. */
    Path writeZst(Path file) throws IOException {
        Files.write(file, Zstd.compress(toTar(), 3));
        return file;
    }

    /** Builds one ustar header: name, mode, uid, gid, size, mtime, checksum, type, link name, magic. */
    static byte[] header(String name, byte type, long size, String linkName) {
        byte[] header = new byte[512];
        put(header, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        putOctal(header, 100, 8, type == DIRECTORY ? 0755 : 0644);
        putOctal(header, 108, 8, 0);
        putOctal(header, 116, 8, 0);
        putOctal(header, 124, 12, size);
        putOctal(header, 136, 12, 1_767_225_600L);
        header[156] = type;
        put(header, 157, 100, linkName.getBytes(StandardCharsets.UTF_8));
        put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        // The checksum is computed with its own field filled with spaces.
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        putOctal(header, 148, 7, sum);
        header[155] = ' ';
        return header;
    }

    private static void put(byte[] header, int offset, int length, byte[] value) {
        if (value.length > length) {
            throw new IllegalArgumentException("Field of " + length + " bytes cannot hold " + value.length + " bytes");
        }
        System.arraycopy(value, 0, header, offset, value.length);
    }

    /** Writes a zero-padded octal number followed by NUL, filling {@code length} bytes. */
    private static void putOctal(byte[] header, int offset, int length, long value) {
        String octal = String.format("%0" + (length - 1) + "o", value);
        put(header, offset, length, (octal + "\0").getBytes(StandardCharsets.US_ASCII));
    }
}
