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

/**
 * Writes outputs so that nothing is lost: content goes to a temporary sibling first and is
 * moved into place only when complete, and an existing output is replaced only with
 * {@code force}.
 */
public final class OutputPaths {
    private OutputPaths() {}

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
    }

    /**
     * Creates an empty temporary folder beside {@code target}, on the same file system so the
     * final move is atomic.
     */
    public static Path temporarySibling(Path target) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            return Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".tmp-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder beside " + target, e);
        }
    }

    /**
     * Moves the finished {@code source} (file or folder) to {@code target}, replacing an
     * existing target only when {@code force} is true.
     */
    public static void moveIntoPlace(Path source, Path target, boolean force) {
        try {
            if (Files.exists(target)) {
                if (!force) {
                    throw MagicvlException.invalidInput(
                            "Output already exists: " + target + ". Choose another path or pass --force to replace it.");
                }
                deleteRecursively(target);
            }
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + source + " to " + target, e);
        }
    }

    /** Writes {@code bytes} to a temporary sibling of {@code target} and renames it into place. */
    public static void writeAtomically(Path target, byte[] bytes) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
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
