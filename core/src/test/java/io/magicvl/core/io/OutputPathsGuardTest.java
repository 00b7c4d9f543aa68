package io.magicvl.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magicvl.core.MagicvlException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guards that keep an output from destroying inputs or failing with an internal error. */
class OutputPathsGuardTest {
    @TempDir
    Path dir;

    @Test
    void outputUnderFileIsInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path target = file.resolve("out");

        MagicvlException checked = assertThrows(MagicvlException.class, () -> OutputPaths.checkWritable(target, false));
        assertEquals(MagicvlException.Kind.INVALID_INPUT, checked.kind());
        assertTrue(checked.getMessage().contains(file.toString()), checked.getMessage());

        MagicvlException sibling = assertThrows(MagicvlException.class, () -> OutputPaths.temporarySibling(target));
        assertEquals(MagicvlException.Kind.INVALID_INPUT, sibling.kind());

        MagicvlException atomic = assertThrows(MagicvlException.class,
                () -> OutputPaths.writeAtomically(target.resolve("a.json"), new byte[] {1}));
        assertEquals(MagicvlException.Kind.INVALID_INPUT, atomic.kind());
    }

    @Test
    void outputContainingInputIsRejected() throws Exception {
        Path input = Files.createDirectories(dir.resolve("run/stage1"));
        Files.writeString(input.resolve("config.json"), "{}");

        for (Path output : new Path[] {input, dir.resolve("run"), input.resolve("..")}) {
            MagicvlException error = assertThrows(MagicvlException.class, () -> OutputPaths.checkSeparate(output, input));
            assertEquals(MagicvlException.Kind.INVALID_INPUT, error.kind());
            assertTrue(error.getMessage().contains(input.toString()), error.getMessage());
        }
        OutputPaths.checkSeparate(dir.resolve("export"), input);
        OutputPaths.checkSeparate(input.resolve("export"), input.resolve("config.json"));
        assertTrue(Files.exists(input.resolve("config.json")));
    }

    @Test
    void forceKeepsWorkingDirectoryAndRoot() throws Exception {
        Path working = Path.of("").toAbsolutePath();
        MagicvlException current = assertThrows(MagicvlException.class, () -> OutputPaths.checkWritable(working, true));
        assertTrue(current.getMessage().contains("working directory"), current.getMessage());
        MagicvlException parent = assertThrows(MagicvlException.class,
                () -> OutputPaths.checkWritable(working.getParent(), true));
        assertEquals(MagicvlException.Kind.INVALID_INPUT, parent.kind());

        // NOTE: moveIntoPlace shares this guard; it is not called here because a regression
        // would delete the module folder.
        Path root = working.getRoot();
        assertThrows(MagicvlException.class, () -> OutputPaths.checkWritable(root, true));
    }

    @Test
    void exitDeletesUnfinishedTemporaries() throws Exception {
        Path unfinished = OutputPaths.temporarySibling(dir.resolve("interrupted"));
        Files.writeString(unfinished.resolve("part.bin"), "half");
        Path finished = OutputPaths.temporarySibling(dir.resolve("done"));
        Files.writeString(finished.resolve("all.bin"), "whole");
        OutputPaths.moveIntoPlace(finished, dir.resolve("done"), false);

        OutputPaths.deleteUnfinished();

        assertTrue(Files.notExists(unfinished));
        assertTrue(Files.isRegularFile(dir.resolve("done/all.bin")));
    }
}
