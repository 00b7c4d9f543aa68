package io.magicvl.device.push;

import io.magicvl.core.Json;
import io.magicvl.core.MagicvlException;
import io.magicvl.device.adb.ShellResult;
import io.magicvl.device.transport.DeviceTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes a folder (or one bundle file) to a device so that an interrupted push resumes and a
 * corrupted one is caught:
 *
 * <ol>
 *   <li>hash the local files and ask the device for the sha256 of the files already there;
 *   <li>send each missing or different file to {@code NAME.magicvl-part}, then rename it, so a
 *       file under its final name is always complete;
 *   <li>hash the remote files again and fail, naming the file, on any mismatch;
 *   <li>write the manifest to {@code REMOTE_DIR/.magicvl-push.json}.
 * </ol>
 *
 * A push cut off mid-file therefore resumes at the first file not yet renamed. Files larger
 * than the piece size go as numbered pieces into {@code NAME.magicvl-pieces/}, each renamed into
 * place when complete and joined with {@code cat} at the end, so an interrupted large file
 * resumes at the first missing piece instead of its first byte.
 */
public final class BundlePusher {
    /** Name of the manifest written beside the pushed files on the device. */
    public static final String REMOTE_MANIFEST = ".magicvl-push.json";
    /** Suffix of a file still being transferred. */
    public static final String PART_SUFFIX = ".magicvl-part";
    /** Suffix of the folder holding the pieces of a large file. */
    public static final String PIECES_SUFFIX = ".magicvl-pieces";
    /** Default piece size: 64 MiB, a few seconds over USB 2. */
    public static final long DEFAULT_PIECE_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(BundlePusher.class);
    private static final Duration SHELL_TIMEOUT = Duration.ofMinutes(10);

    private final DeviceTransport device;
    private final long pieceBytes;

    public BundlePusher(DeviceTransport device) {
        this(device, DEFAULT_PIECE_BYTES);
    }

    /** Creates a pusher that sends files larger than {@code pieceBytes} in resumable pieces. */
    public BundlePusher(DeviceTransport device, long pieceBytes) {
        if (pieceBytes <= 0) {
            throw new IllegalArgumentException("piece size must be positive: " + pieceBytes);
        }
        this.device = device;
        this.pieceBytes = pieceBytes;
    }

    /** Pushes {@code source} (folder or file) into {@code remoteDir} on the device. */
    public PushResult push(Path source, String remoteDir) throws IOException {
        if (!Files.exists(source)) {
            throw MagicvlException.invalidInput("Nothing to push: " + source + " does not exist.");
        }
        long start = System.nanoTime();
        FileManifest manifest = FileManifest.of(source);
        Path base = Files.isRegularFile(source) ? source.getParent() : source;
        run("mkdir -p " + DeviceTransport.quote(remoteDir));
        Map<String, String> remote = remoteHashes(remoteDir, manifest);

        List<String> sent = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long bytes = 0;
        TreeSet<String> madeDirs = new TreeSet<>();
        for (FileManifest.Entry file : manifest.files()) {
            if (file.sha256().equals(remote.get(file.path()))) {
                skipped.add(file.path());
                continue;
            }
            String target = remoteDir + "/" + file.path();
            String parent = target.substring(0, target.lastIndexOf('/'));
            if (!parent.equals(remoteDir) && madeDirs.add(parent)) {
                run("mkdir -p " + DeviceTransport.quote(parent));
            }
            String part = target + PART_SUFFIX;
            LOG.debug("pushing {} ({} bytes) to {}:{}", file.path(), file.size(), device.id(), target);
            if (file.size() > pieceBytes) {
                bytes += pushInPieces(base.resolve(file.path()), file.size(), target);
            } else {
                device.push(base.resolve(file.path()), part, 0644, null);
                bytes += file.size();
            }
            run("mv -f " + DeviceTransport.quote(part) + " " + DeviceTransport.quote(target));
            sent.add(file.path());
        }

        Map<String, String> after = remoteHashes(remoteDir, manifest);
        for (FileManifest.Entry file : manifest.files()) {
            String actual = after.get(file.path());
            if (!file.sha256().equals(actual)) {
                throw MagicvlException.checkFailed("Pushed file " + remoteDir + "/" + file.path() + " on " + device.id()
                        + " has sha256 " + (actual == null ? "(missing)" : actual) + " but the local file has "
                        + file.sha256() + ". The transfer was corrupted; run the push again (the file will be resent).");
            }
        }
        writeRemoteManifest(remoteDir, manifest);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("push to {}:{} done: {} sent ({} bytes), {} unchanged, {} s", device.id(), remoteDir, sent.size(), bytes,
                skipped.size(), String.format("%.2f", seconds));
        return new PushResult(device.id(), remoteDir, sent, skipped, bytes, seconds);
    }

    /**
     * Sends {@code local} as pieces, skipping pieces the device already has with the right
     * hash, and joins them into {@code target + PART_SUFFIX}. Returns the bytes sent.
     */
    private long pushInPieces(Path local, long size, String target) throws IOException {
        String pieces = target + PIECES_SUFFIX;
        run("mkdir -p " + DeviceTransport.quote(pieces));
        int count = (int) ((size + pieceBytes - 1) / pieceBytes);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(String.format("%06d", i));
        }
        Map<String, String> present = hashes(pieces, names);
        long sent = 0;
        for (int i = 0; i < count; i++) {
            long offset = i * pieceBytes;
            long length = Math.min(pieceBytes, size - offset);
            String name = names.get(i);
            if (rangeSha256(local, offset, length).equals(present.get(name))) {
                continue;
            }
            String piece = pieces + "/" + name;
            device.pushRange(local, offset, length, piece + PART_SUFFIX, 0644);
            run("mv -f " + DeviceTransport.quote(piece + PART_SUFFIX) + " " + DeviceTransport.quote(piece));
            sent += length;
        }
        if (sent < size) {
            LOG.info("resumed {}: {} of {} bytes were already on the device", target, size - sent, size);
        }
        run("cat " + DeviceTransport.quote(pieces) + "/0* > " + DeviceTransport.quote(target + PART_SUFFIX)
                + " && rm -rf " + DeviceTransport.quote(pieces));
        return sent;
    }

    private static String rangeSha256(Path file, long offset, long length) throws IOException {
        try (java.io.InputStream input = java.nio.file.Files.newInputStream(file)) {
            input.skipNBytes(offset);
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long remaining = length;
            while (remaining > 0) {
                int read = input.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new java.io.EOFException(file + " ended before byte " + (offset + length));
                }
                digest.update(buffer, 0, read);
                remaining -= read;
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Returns the sha256 of each manifest file that exists under {@code remoteDir}, by relative path. */
    Map<String, String> remoteHashes(String remoteDir, FileManifest manifest) throws IOException {
        return hashes(remoteDir, manifest.files().stream().map(FileManifest.Entry::path).toList());
    }

    /** Returns the sha256 of each of {@code names} (relative to {@code dir}) that exists on the device. */
    private Map<String, String> hashes(String dir, List<String> names) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        if (names.isEmpty()) {
            return hashes;
        }
        StringBuilder command = new StringBuilder("cd " + DeviceTransport.quote(dir) + " && sha256sum");
        for (String name : names) {
            command.append(' ').append(DeviceTransport.quote(name));
        }
        // Missing files make sha256sum print an error and exit 1; the lines it does print count.
        ShellResult result = device.shell(command + " 2>/dev/null", SHELL_TIMEOUT);
        for (String line : result.stdoutText().split("\n")) {
            String trimmed = line.strip();
            int space = trimmed.indexOf(' ');
            if (space == 64) {
                String name = trimmed.substring(space).strip();
                if (name.startsWith("*")) {
                    name = name.substring(1);
                }
                hashes.put(name, trimmed.substring(0, 64).toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (hashes.isEmpty() && result.exitCode() != 0 && result.exitCode() != 1) {
            throw new IOException("sha256sum failed on " + device.id() + " with exit code " + result.exitCode()
                    + ": " + result.stderrText().strip());
        }
        return hashes;
    }

    private void writeRemoteManifest(String remoteDir, FileManifest manifest) throws IOException {
        Path local = Files.createTempFile("magicvl-push", ".json");
        try {
            Json.PRETTY.writeValue(local.toFile(), manifest);
            String target = remoteDir + "/" + REMOTE_MANIFEST;
            device.push(local, target + PART_SUFFIX, 0644, null);
            run("mv -f " + DeviceTransport.quote(target + PART_SUFFIX) + " " + DeviceTransport.quote(target));
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private void run(String command) throws IOException {
        ShellResult result = device.shell(command, SHELL_TIMEOUT);
        if (!result.ok()) {
            throw new IOException("'" + command + "' failed on " + device.id() + " with exit code " + result.exitCode()
                    + ": " + result.stderrText().strip());
        }
    }
}
