package io.magicvl.release.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lowercase hex, the form manifests and step records store. */
public final class Sha256 {
    private static final int BUFFER_BYTES = 1 << 16;

    private Sha256() {}

    /** Creates a fresh SHA-256 digest; every Java platform provides the algorithm. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The Java platform has no SHA-256", e);
        }
    }

    /** Hashes a file by streaming it. */
    public static String ofFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ofStream(in);
        }
    }

    /** Hashes what remains of {@code in}, without closing it. */
    public static String ofStream(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER_BYTES];
        int n;
        while ((n = in.read(buffer)) != -1) {
            digest.update(buffer, 0, n);
        }
        return hex(digest.digest());
    }

    /** Hashes a byte array. */
    public static String ofBytes(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    /** Formats a digest as lowercase hex. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Returns whether {@code value} looks like a SHA-256 hex digest (64 lowercase hex digits). */
    public static boolean isHexDigest(String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }
}
