package io.magicvl.core.io;

import io.magicvl.core.MagicvlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes outputs so that nothing is lost: content goes to a temporary sibling first and is
 * moved into place only when complete, and an existing output is replaced only with
 * {@code force}.
 */
public final class OutputPaths {
    /** Temporary siblings not yet moved into place, deleted when the JVM exits (Ctrl-C included). */
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OutputPaths::onExit, "magicvl-output-cleanup"));
    }

    private OutputPaths() {}

    /** Set when the JVM exits, so that no half-deleted temporary is moved into place after it. */
    private static volatile boolean exiting;

    private static void onExit() {
        exiting = true;
        deleteUnfinished();
    }

    /**
     * Deletes the temporary siblings that were never moved into place. A writer thread may still
     * add files while the JVM exits, so each folder gets a few attempts and errors are ignored.
     */
    static void deleteUnfinished() {
        for (int attempt = 0; attempt < 5 && !UNFINISHED.isEmpty(); attempt++) {
            for (Path temporary : UNFINISHED) {
                try {
                    deleteRecursively(temporary);
                    UNFINISHED.remove(temporary);
                } catch (IOException | RuntimeException e) {
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Rejects {@code target} if it exists and {@code force} is false.
     *
     * @throws MagicvlException (invalid input) naming the path and the {@code --force} fix
     */
    public static void checkWritable(Path target, boolean force) {
        if (Files.exists(target) && !force) {
            throw MagicvlException.invalidInput(
                    "Output already exists: " + target + ". Choose another path or pass --force to replace it.");
        }
        checkReplaceable(target);
        checkParentUsable(target);
    }

    /**
     * Rejects an output that would replace or contain one of the {@code inputs}: with
     * {@code --force} the output is deleted before the move, which would delete the input.
     *
     * @throws MagicvlException (invalid input) naming both paths
     */
    public static void checkSeparate(Path output, Path... inputs) {
        Path out = canonical(output);
        for (Path input : inputs) {
            if (input != null && canonical(input).startsWith(out)) {
                throw MagicvlException.invalidInput("Output " + output + " would replace the input " + input
                        + ". Choose an output path outside the input.");
            }
        }
    }

    /**
     * Rejects an output inside {@code folder}, for commands that read the whole folder and
     * would find their own output in it on the next run.
     *
     * @throws MagicvlException (invalid input) naming both paths
     */
    public static void checkOutside(Path output, Path folder) {
        if (canonical(output).startsWith(canonical(folder))) {
            throw MagicvlException.invalidInput("Output " + output + " is inside the input folder " + folder
                    + ", which would then no longer match its manifest. Choose an output path outside it.");
        }
    }

    /**
     * Rejects replacing a file system root or a folder that contains the working directory,
     * even with {@code --force}.
     */
    static void checkReplaceable(Path target) {
        Path absolute = canonical(target);
        if (absolute.getParent() == null) {
            throw MagicvlException.invalidInput(
                    "Output " + target + " is a file system root. Choose a new folder for the output.");
        }
        if (Files.exists(absolute) && canonical(Path.of("")).startsWith(absolute)) {
            throw MagicvlException.invalidInput("Output " + target
                    + " contains the working directory and cannot be replaced. Choose a new folder for the output.");
        }
    }

    /**
     * Rejects an output whose parent path runs through a regular file.
     *
     * @throws MagicvlException (invalid input) naming the file in the way
     */
    public static void checkParentUsable(Path target) {
        for (Path ancestor = target.toAbsolutePath().normalize().getParent();
                ancestor != null;
                ancestor = ancestor.getParent()) {
            if (Files.exists(ancestor)) {
                if (!Files.isDirectory(ancestor)) {
                    throw MagicvlException.invalidInput("Cannot write " + target + ": " + ancestor
                            + " is a file, not a folder. Choose an output path in a folder.");
                }
                return;
            }
        }
    }

    /** Returns the absolute, normalized path, with symbolic links resolved in its existing part. */
    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return absolute;
        }
    }

    /**
     * Creates an empty temporary folder beside {@code target}, on the same file system so the
     * final move is atomic.
     */
    public static Path temporarySibling(Path target) {
        Path absolute = target.toAbsolutePath();
        checkParentUsable(target);
        try {
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".tmp-");
            setShareablePermissions(temporary);
            UNFINISHED.add(temporary);
            return temporary;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder beside " + target, e);
        }
    }

    /**
     * Moves the finished {@code source} (file or folder) to {@code target}, replacing an
     * existing target only when {@code force} is true.
     */
    public static void moveIntoPlace(Path source, Path target, boolean force) {
        if (exiting && UNFINISHED.contains(source.toAbsolutePath())) {
            throw new IllegalStateException("Not moving " + source + " into place: the process is exiting");
        }
        try {
            if (Files.exists(target)) {
                if (!force) {
                    throw MagicvlException.invalidInput(
                            "Output already exists: " + target + ". Choose another path or pass --force to replace it.");
                }
                checkReplaceable(target);
                deleteRecursively(target);
            }
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target);
            }
            UNFINISHED.remove(source.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + source + " to " + target, e);
        }
    }

    /** Writes {@code bytes} to a temporary sibling of {@code target} and renames it into place. */
    public static void writeAtomically(Path target, byte[] bytes) {
        Path absolute = target.toAbsolutePath();
        checkParentUsable(target);
        try {
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.write(temporary, bytes);
            setShareablePermissions(temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /**
     * Gives a file mode 0644 and a folder mode 0755 on POSIX file systems. Temporary files and
     * folders are created private (0600 and 0700), which outputs meant for other users and
     * for bundles must not keep.
     */
    public static void setShareablePermissions(Path path) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        String mode = Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--";
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }

    /** Deletes a file or a folder tree; a missing path is not an error. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
